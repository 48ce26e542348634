// @vitest-environment jsdom
import './helpers/setup-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElectronBridge, type PreloadApi } from '../../renderer/src/bridge/electron-bridge';
import { selectBridge } from '../../renderer/src/bridge/select-bridge';

afterEach(() => {
  delete window.postmottak;
  document.head.querySelectorAll('meta[name="postmottak-token"]').forEach((m) => m.remove());
});

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
    const selection = selectBridge(window);
    expect(selection.kind).toBe('electron');
    if (selection.kind === 'none') return;
    await selection.bridge.invoke('system.status', {});
    expect(api.invoke).toHaveBeenCalledWith('system.status', {});
  });

  it('uses the HTTP bridge when the token meta is present', () => {
    const meta = document.createElement('meta');
    meta.name = 'postmottak-token';
    meta.content = 'tok';
    document.head.append(meta);
    expect(selectBridge(window).kind).toBe('http');
  });

  it('reports none otherwise (empty token counts as none)', () => {
    expect(selectBridge(window).kind).toBe('none');
    const meta = document.createElement('meta');
    meta.name = 'postmottak-token';
    meta.content = '';
    document.head.append(meta);
    expect(selectBridge(window).kind).toBe('none');
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
