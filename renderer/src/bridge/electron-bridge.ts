import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '../../../electron/ipc/contract';
import type { HubResult } from '../../../electron/ipc/result';
import { BRIDGE_ERROR, type Bridge, fail, isHubResult } from './bridge';

/** Exactly what electron/preload exposes on window via contextBridge. */
export interface PreloadApi {
  invoke(channel: string, input: unknown): Promise<HubResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    postmottak?: PreloadApi;
  }
}

export function createElectronBridge(api: PreloadApi): Bridge {
  return {
    async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<HubResult<ChannelOutput<C>>> {
      try {
        const result = await api.invoke(channel, input);
        if (isHubResult(result)) return result as HubResult<ChannelOutput<C>>;
        return fail(BRIDGE_ERROR.badResponse, 'Postmottak sendte et svar som ikke kunne leses.');
      } catch {
        // ipcRenderer.invoke rejects when the main process handler itself crashed.
        return fail(BRIDGE_ERROR.ipcFailed, 'Fikk ikke kontakt med Postmottak-prosessen. Start programmet på nytt.');
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return api.on(event, listener as (payload: unknown) => void);
    },
  };
}
