import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../ipc/ipc-channels';

// Sandboxed preload: the page gets these two functions and nothing else, never ipcRenderer
// or the IPC event object. Main validates the sender, the channel and the input.
contextBridge.exposeInMainWorld('postmottak', {
  invoke: (channel: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_INVOKE, channel, input),
  on: (event: string, listener: (payload: unknown) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('listener må være en funksjon');
    const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
});
