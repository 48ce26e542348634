import type { App, Session, WebContents } from 'electron';
import type { Logger } from '../app/host-types';

/**
 * The renderer only ever needs its own files; inline styles are used by the design system.
 * Kept in step with the meta CSP in renderer/index.html: both apply, so the stricter wins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * In dev (never packaged) Vite's React refresh preamble is an inline module script, so
 * script-src must allow inline there; the packaged app always gets the strict policy.
 */
export function buildCsp(opts: { dev: boolean }): string {
  if (!opts.dev) return CONTENT_SECURITY_POLICY;
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
}

/** Replaces any CSP the response carries (header names are case-insensitive). */
export function withCspHeader(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

const parse = (url: string): URL | undefined => {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
};

const decodePath = (p: string): string => {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
};

/**
 * True when `url` is the app's own page. A file: app URL has the opaque origin "null", so
 * there it must be the very same file (any query or hash); an http app URL (the dev
 * server) matches by origin.
 */
export function isAppUrl(url: string, appUrl: string, opts: { caseInsensitivePaths?: boolean } = {}): boolean {
  const u = parse(url);
  const a = parse(appUrl);
  if (!u || !a || u.protocol !== a.protocol) return false;
  if (a.protocol === 'file:') {
    if (u.host !== a.host) return false;
    const fold = opts.caseInsensitivePaths ?? process.platform === 'win32';
    const [p, q] = [decodePath(u.pathname), decodePath(a.pathname)];
    return fold ? p.toLowerCase() === q.toLowerCase() : p === q;
  }
  if (a.protocol === 'http:' || a.protocol === 'https:') return u.origin === a.origin;
  return false;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The only dev-server URL we load: plain http on loopback, no credentials. */
export function isLoopbackHttpUrl(url: string): boolean {
  const u = parse(url);
  return !!u && u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname) && !u.username && !u.password;
}

/** Links the renderer may hand to the OS browser: https only, no embedded credentials. */
export function isSafeExternalUrl(url: string): boolean {
  const u = parse(url);
  return !!u && u.protocol === 'https:' && u.hostname !== '' && !u.username && !u.password;
}

type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/** CSP on every response, and no web permission (camera, notifications, …) is ever granted. */
export function applySessionSecurity(ses: SessionLike, opts: { csp: string }): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, opts.csp) });
  });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

export interface HardeningOptions {
  appUrl: string;
  openExternal: (url: string) => Promise<void> | void;
  logger?: Logger;
}

/** Keeps every web contents on the app's own page: no foreign navigation, popups or webviews. */
export function hardenWebContents(contents: WebContents, opts: HardeningOptions): void {
  const guard = (details: { url?: string; preventDefault(): void }, legacyUrl?: string) => {
    const url = details.url ?? legacyUrl ?? '';
    if (!isAppUrl(url, opts.appUrl)) details.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      Promise.resolve()
        .then(() => opts.openExternal(url))
        .catch((e: unknown) =>
          opts.logger?.log('warn', 'openExternal failed', { error: e instanceof Error ? e.name : typeof e }),
        );
    }
    return { action: 'deny' };
  });
}

/** Hardens every web contents Electron ever creates, including ones we did not ask for. */
export function installWebContentsHardening(app: Pick<App, 'on'>, opts: HardeningOptions): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, opts));
}
