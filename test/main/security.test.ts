import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { App, Session, WebContents } from 'electron';
import { fake, FakeWebContents } from './fake-electron';
import {
  applySessionSecurity,
  buildCsp,
  CONTENT_SECURITY_POLICY,
  hardenWebContents,
  installWebContentsHardening,
  isAppUrl,
  isLoopbackHttpUrl,
  isSafeExternalUrl,
  withCspHeader,
} from '../../electron/main/security';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const APP = 'file:///opt/Postmottak/resources/app.asar/out/renderer/index.html';
const DEV = 'http://localhost:5173/';

beforeEach(() => fake.reset());

describe('isAppUrl', () => {
  it('accepts the very same file, with any hash or query', () => {
    expect(isAppUrl(APP, APP)).toBe(true);
    expect(isAppUrl(`${APP}#/jobs?status=dead`, APP)).toBe(true);
    expect(isAppUrl(`${APP}?x=1`, APP)).toBe(true);
  });
  it('refuses other files, even next to it (file: origins are all "null")', () => {
    expect(isAppUrl('file:///opt/Postmottak/resources/app.asar/out/renderer/other.html', APP)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP)).toBe(false);
    expect(isAppUrl('file:///opt/Postmottak/resources/app.asar/out/renderer/../renderer/index.html', APP)).toBe(true);
    expect(isAppUrl('file://evil-host/opt/Postmottak/resources/app.asar/out/renderer/index.html', APP)).toBe(false);
  });
  it('refuses web URLs for a file app and foreign origins for a dev app', () => {
    expect(isAppUrl('https://example.com/', APP)).toBe(false);
    expect(isAppUrl('http://localhost:5173/some/route', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', DEV)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', DEV)).toBe(false);
  });
  it('folds case only when asked (Windows paths)', () => {
    const win = 'file:///C:/Program%20Files/Postmottak/out/renderer/index.html';
    expect(isAppUrl('file:///c:/program%20files/postmottak/out/renderer/index.html', win, { caseInsensitivePaths: true })).toBe(true);
    expect(isAppUrl('file:///c:/program%20files/postmottak/out/renderer/index.html', win, { caseInsensitivePaths: false })).toBe(false);
  });
  it('refuses garbage and other schemes', () => {
    expect(isAppUrl('not a url', APP)).toBe(false);
    expect(isAppUrl('', APP)).toBe(false);
    expect(isAppUrl('javascript:alert(1)', APP)).toBe(false);
    expect(isAppUrl('data:text/html,hi', 'data:text/html,hi')).toBe(false);
  });
});

describe('URL allow-lists', () => {
  it('isLoopbackHttpUrl: plain http on loopback only', () => {
    expect(isLoopbackHttpUrl('http://localhost:5173')).toBe(true);
    expect(isLoopbackHttpUrl('http://127.0.0.1:5173/')).toBe(true);
    expect(isLoopbackHttpUrl('http://[::1]:5173/')).toBe(true);
    expect(isLoopbackHttpUrl('https://localhost:5173')).toBe(false);
    expect(isLoopbackHttpUrl('http://example.com')).toBe(false);
    expect(isLoopbackHttpUrl('http://localhost.example.com')).toBe(false);
    expect(isLoopbackHttpUrl('http://user:pw@localhost:5173')).toBe(false);
    expect(isLoopbackHttpUrl('file:///tmp/index.html')).toBe(false);
    expect(isLoopbackHttpUrl('nonsense')).toBe(false);
  });
  it('isSafeExternalUrl: https only, no credentials', () => {
    expect(isSafeExternalUrl('https://www.altinn.no/')).toBe(true);
    expect(isSafeExternalUrl('http://www.altinn.no/')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('smb://server/share')).toBe(false);
    expect(isSafeExternalUrl('https://u:p@example.com/')).toBe(false);
  });
});

describe('CSP', () => {
  it('is the strict policy when packaged', () => {
    expect(buildCsp({ dev: false })).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });
  it('matches the meta CSP in renderer/index.html (both apply; a mismatch silently blocks)', () => {
    const html = readFileSync(join(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const norm = (p: string) => p.split(';').map((d) => d.trim()).filter(Boolean).sort();
    // frame-ancestors is ignored in a meta tag (browsers warn); the header carries it
    const header = norm(buildCsp({ dev: false })).filter((d) => !d.startsWith('frame-ancestors'));
    expect(meta && norm(meta)).toEqual(header);
  });
  it('allows inline scripts only for the dev server', () => {
    expect(buildCsp({ dev: true })).toContain("script-src 'self' 'unsafe-inline';");
    expect(buildCsp({ dev: true })).toContain("object-src 'none'");
  });
  it('replaces a CSP the response already had, keeping other headers', () => {
    const out = withCspHeader({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] }, 'X');
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['X'] });
    expect(withCspHeader(undefined, 'X')).toEqual({ 'Content-Security-Policy': ['X'] });
  });
});

describe('applySessionSecurity', () => {
  const apply = () => {
    applySessionSecurity(fake.session as unknown as Session, { csp: CONTENT_SECURITY_POLICY });
    return fake.session;
  };
  it('adds the CSP header to every response', () => {
    const ses = apply();
    const listener = ses.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (d: unknown, cb: (r: unknown) => void) => void;
    const callback = vi.fn();
    listener({ url: 'http://localhost:5173/', responseHeaders: { 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  it('denies every permission request and check', () => {
    const ses = apply();
    const request = ses.setPermissionRequestHandler.mock.calls[0]?.[0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      request({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    const check = ses.setPermissionCheckHandler.mock.calls[0]?.[0] as (wc: unknown, p: string) => boolean;
    expect(check(null, 'media')).toBe(false);
    expect(check(null, 'clipboard-sanitized-write')).toBe(false);
  });
});

describe('hardenWebContents', () => {
  const setup = () => {
    const wc = new FakeWebContents();
    const openExternal = vi.fn(async (_url: string) => undefined);
    hardenWebContents(wc as unknown as WebContents, { appUrl: APP, openExternal });
    return { wc, openExternal };
  };
  const navEvent = (url: string) => ({ url, preventDefault: vi.fn() });

  it('prevents navigation to a foreign URL and allows the app itself', () => {
    const { wc } = setup();
    const foreign = navEvent('https://evil.example/');
    wc.emit('will-navigate', foreign, foreign.url);
    expect(foreign.preventDefault).toHaveBeenCalled();
    const own = navEvent(`${APP}#/jobs`);
    wc.emit('will-navigate', own, own.url);
    expect(own.preventDefault).not.toHaveBeenCalled();
    const file = navEvent('file:///home/user/Downloads/evil.html');
    wc.emit('will-navigate', file, file.url);
    expect(file.preventDefault).toHaveBeenCalled();
  });
  it('uses the deprecated url argument when the event lacks one', () => {
    const { wc } = setup();
    const e = { preventDefault: vi.fn() };
    wc.emit('will-navigate', e, 'https://evil.example/');
    expect(e.preventDefault).toHaveBeenCalled();
  });
  it('prevents redirects away from the app', () => {
    const { wc } = setup();
    const e = navEvent('https://evil.example/');
    wc.emit('will-redirect', e, e.url);
    expect(e.preventDefault).toHaveBeenCalled();
  });
  it('denies window.open, handing only https links to the OS browser', async () => {
    const { wc, openExternal } = setup();
    expect(wc.windowOpenHandler?.({ url: 'https://www.altinn.no/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'http://insecure.example/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: APP })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(openExternal).toHaveBeenCalledTimes(1));
    expect(openExternal).toHaveBeenCalledWith('https://www.altinn.no/');
  });
  it('survives a failing openExternal', async () => {
    const wc = new FakeWebContents();
    const logger = { log: vi.fn() };
    hardenWebContents(wc as unknown as WebContents, {
      appUrl: APP,
      openExternal: () => Promise.reject(new Error('no browser')),
      logger,
    });
    expect(wc.windowOpenHandler?.({ url: 'https://www.altinn.no/' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(logger.log).toHaveBeenCalledWith('warn', 'openExternal failed', { error: 'Error' }));
  });
  it('prevents attaching a webview', () => {
    const { wc } = setup();
    const e = { preventDefault: vi.fn() };
    wc.emit('will-attach-webview', e, {}, { src: 'https://evil.example/' });
    expect(e.preventDefault).toHaveBeenCalled();
  });
  it('is applied to every web contents the app creates', () => {
    installWebContentsHardening(fake.app as unknown as App, { appUrl: APP, openExternal: vi.fn() });
    const wc = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, wc);
    expect(wc.setWindowOpenHandler).toHaveBeenCalled();
    const e = navEvent('https://evil.example/');
    wc.emit('will-navigate', e, e.url);
    expect(e.preventDefault).toHaveBeenCalled();
  });
});
