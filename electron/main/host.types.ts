import type { EventName, HubResult } from '../ipc';

// electron/main may not import electron/core (ARCHITECTURE.md), so the shapes it shares
// with the core are restated here. They are structural: the core's Logger and SecretStore,
// and the hub from electron/app/create-hub.ts, fit them as they are.

/** The part of the hub the Electron host uses. */
export interface HubLike {
  invoke(channel: string, rawInput: unknown): Promise<HubResult<unknown>>;
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Same shape as core/ports/logger.port.ts. */
export interface HostLogger {
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
}

/** Same shape as core/ports/secret-store.port.ts. */
export interface HostSecretStore {
  readonly kind: string;
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  names(): Promise<string[]>;
}
