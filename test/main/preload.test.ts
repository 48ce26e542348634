import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '../../electron/ipc/ipc-channels';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

interface ExposedApi {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

async function loadPreload(): Promise<{ key: string; api: ExposedApi }> {
  vi.resetModules();
  await import('../../electron/preload/index');
  expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as [string, ExposedApi];
  return { key, api };
}

beforeEach(() => fake.reset());

describe('preload', () => {
  it('exposes exactly invoke and on, as window.postmottak', async () => {
    const { key, api } = await loadPreload();
    expect(key).toBe('postmottak');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
    expect(Object.values(api)).not.toContain(fake.ipcRenderer);
  });

  it('invoke goes over the one invoke channel and returns main\'s answer', async () => {
    const { api } = await loadPreload();
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: 7 });
    await expect(api.invoke('jobs.list', { limit: 3 })).resolves.toEqual({ ok: true, value: 7 });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'jobs.list', { limit: 3 });
  });

  it('on delivers only the named event, only the payload, and unsubscribes', async () => {
    const { api } = await loadPreload();
    const listener = vi.fn();
    const off = api.on('job.updated', listener);
    const ipcEvent = { sender: fake.ipcRenderer, senderId: 0 };
    fake.ipcRenderer.emit(IPC_EVENT, ipcEvent, 'status.changed', { reason: 'x' });
    fake.ipcRenderer.emit(IPC_EVENT, ipcEvent, 'job.updated', { id: 1 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ id: 1 }]); // never the IPC event object
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT)).toBe(1);
    off();
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT)).toBe(0);
    fake.ipcRenderer.emit(IPC_EVENT, ipcEvent, 'job.updated', { id: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('removes only its own handler', async () => {
    const { api } = await loadPreload();
    const a = vi.fn();
    const b = vi.fn();
    const offA = api.on('job.updated', a);
    api.on('job.updated', b);
    offA();
    fake.ipcRenderer.emit(IPC_EVENT, {}, 'job.updated', { id: 3 });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledWith({ id: 3 });
  });

  it('refuses a listener that is not a function', async () => {
    const { api } = await loadPreload();
    expect(() => api.on('job.updated', 'nope' as unknown as () => void)).toThrow(TypeError);
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT)).toBe(0);
  });
});
