// @vitest-environment jsdom
import './helpers/setup-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElectronBridge, type PreloadApi } from '../../renderer/src/bridge/electron-bridge';
import { selectBridge } from '../../renderer/src/bridge/select-bridge';

afterEach(() => {
  delete window.postmottak;
  sessionStorage.clear();
  history.replaceState(null, '', '/');
});

const jsonResponse = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function preload(overrides: Partial<PreloadApi> = {}): PreloadApi {
  return {
    invoke: vi.fn(async () => ({ ok: true as const, value: 'pong' })),
    on: vi.fn(() => () => {}),
    ...overrides,
  };
}

describe('selectBridge', () => {
  it('uses the Electron preload when window.postmottak exists', async () => {
    const api = preload();
    window.postmottak = api;
    const selection = await selectBridge(window);
    expect(selection.kind).toBe('electron');
    if (selection.kind !== 'electron') return;
    await selection.bridge.invoke('system.status', {});
    expect(api.invoke).toHaveBeenCalledWith('system.status', {});
  });

  // #12 item 7: the launch code comes in the fragment, is wiped from the address and traded by a POST
  it('trades the launch code from the fragment for a token kept in sessionStorage, and wipes the fragment', async () => {
    history.replaceState(null, '', '/#launch=abcdefghijklmnopqrstuvwx');
    const calls: { url: string; init?: RequestInit }[] = [];
    const fetchStub = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(url), init });
      return String(url) === '/api/session' && init?.method === 'POST' ? jsonResponse({ ok: true, value: { token: 'tok-1' } }) : jsonResponse({ ok: true, value: 1 });
    });
    const selection = await selectBridge(window, fetchStub as typeof fetch);
    expect(selection.kind).toBe('http');
    expect(location.hash).toBe('#/');
    expect(JSON.parse(String(calls[0]!.init!.body))).toEqual({ code: 'abcdefghijklmnopqrstuvwx' });
    expect(sessionStorage.getItem('postmottak.session')).toBe('tok-1');
    expect(document.cookie).toBe('');
    // a reload of the tab checks the kept token instead
    const again = await selectBridge(window, fetchStub as typeof fetch);
    expect(again.kind).toBe('http');
    expect(new Headers(calls[1]!.init!.headers).get('x-postmottak-token')).toBe('tok-1');
  });

  it('reports a used link, a bookmark without a session, and a host that is gone', async () => {
    history.replaceState(null, '', '/#launch=abcdefghijklmnopqrstuvwx');
    const refused = (async () => jsonResponse({ ok: false, error: { code: 'launch-used', message: 'brukt' } }, 401)) as typeof fetch;
    expect(await selectBridge(window, refused)).toEqual({ kind: 'session', problem: 'used' });
    expect(await selectBridge(window, refused)).toEqual({ kind: 'session', problem: 'missing' });
    sessionStorage.setItem('postmottak.session', 'stale');
    expect(await selectBridge(window, refused)).toEqual({ kind: 'session', problem: 'used' });
    expect(sessionStorage.getItem('postmottak.session')).toBeNull();
    sessionStorage.setItem('postmottak.session', 'tok');
    expect(await selectBridge(window, (async () => Promise.reject(new Error('down'))) as typeof fetch)).toEqual({ kind: 'session', problem: 'unreachable' });
  });
});

describe('electron bridge', () => {
  it('turns a rejected IPC call into ok:false instead of throwing', async () => {
    const bridge = createElectronBridge(preload({ invoke: async () => Promise.reject(new Error('handler crashed')) }));
    const result = await bridge.invoke('system.status', {});
    expect(result.ok ? null : result.error.code).toBe('ipc-failed');
  });

  it('rejects malformed results and forwards events', async () => {
    const listeners: ((p: unknown) => void)[] = [];
    const off = vi.fn();
    const api = preload({
      invoke: async () => ({ nonsense: true }) as never,
      on: (event, listener) => {
        expect(event).toBe('job.updated');
        listeners.push(listener);
        return off;
      },
    });
    const bridge = createElectronBridge(api);
    const result = await bridge.invoke('system.status', {});
    expect(result.ok ? null : result.error.code).toBe('bad-response');

    const seen: unknown[] = [];
    const unsubscribe = bridge.on('job.updated', (p) => seen.push(p));
    listeners[0]!({ id: 1, type: 't', status: 'done' });
    expect(seen).toEqual([{ id: 1, type: 't', status: 'done' }]);
    unsubscribe();
    expect(off).toHaveBeenCalled();
  });
});
