import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '../../electron/ipc/ipc-channels';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

interface ExposedApi {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

let exposed: { key: string; api: ExposedApi };

// The preload registers itself on import, once; each test then gets fresh IPC fakes.
beforeAll(async () => {
  await import('../../electron/preload/index');
  const calls = fake.contextBridge.exposeInMainWorld.mock.calls;
  expect(calls).toHaveLength(1);
  const [key, api] = calls[0] as [string, ExposedApi];
  exposed = { key, api };
});
beforeEach(() => fake.reset());
describe('preload', () => {
  it('exposes exactly invoke and on, as window.postmottak', async () => {
    const { key, api } = exposed;
    expect(key).toBe('postmottak');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
    expect(Object.values(api)).not.toContain(fake.ipcRenderer);
  });

  it('invoke goes over the one invoke channel and returns main\'s answer', async () => {
    const { api } = exposed;
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: 7 });
    await expect(api.invoke('jobs.list', { limit: 3 })).resolves.toEqual({ ok: true, value: 7 });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'jobs.list', { limit: 3 });
  });

  it('on delivers only the named event, only the payload, and unsubscribes', async () => {
    const { api } = exposed;
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
    const { api } = exposed;
    const a = vi.fn();
    const b = vi.fn();
    const offA = api.on('job.updated', a);
    api.on('job.updated', b);
    offA();
    fake.ipcRenderer.emit(IPC_EVENT, {}, 'job.updated', { id: 3 });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledWith({ id: 3 });
  });

  it('imports nothing but electron and the channel names (sandboxed preload)', () => {
    const source = readFileSync(join(__dirname, '../../electron/preload/index.ts'), 'utf8');
    const specifiers = [...source.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2]);
    expect(specifiers.sort()).toEqual(['../ipc/ipc-channels', 'electron']);
  });

  it('refuses a listener that is not a function', async () => {
    const { api } = exposed;
    expect(() => api.on('job.updated', 'nope' as unknown as () => void)).toThrow(TypeError);
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT)).toBe(0);
  });
});
