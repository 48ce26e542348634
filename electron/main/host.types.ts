import type { EventName, HubResult } from '../ipc';

/**
 * The part of the hub (electron/app/create-hub.ts) the Electron host uses. Structural, so
 * the host's modules typecheck and test without the composition root.
 */
export interface HubLike {
  invoke(channel: string, rawInput: unknown): Promise<HubResult<unknown>>;
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}
