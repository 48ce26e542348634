import type { Logger } from '../core/ports/logger.port';
import type { AppConfig } from './config/config.schema';

/**
 * A handle the hosts hold instead of a bare hub, so a saved configuration takes effect without a
 * restart (#17 item 1). `reload(config)` stops the running hub first (one store must never be
 * driven by two job runners), then creates one on the new config; requests that arrive during the
 * swap wait for it, event listeners stay subscribed across it, and a config that fails to start
 * puts the previous one back and reports the error.
 */

/** What the handle needs of a hub (electron/app/create-hub.ts's Hub fits; tests use small fakes). */
export interface SwappableHub {
  invoke(channel: unknown, rawInput: unknown): Promise<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hub's own event-name type is kept by the handle
  onEvent(listener: (name: any, payload: unknown) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Hub functions the hosts call besides invoke (the health feature's /metrics and /healthz): forwarded to the hub in force. */
export const FORWARDED = ['metrics', 'metricsBearer', 'healthy'] as const;
type ForwardedName = (typeof FORWARDED)[number];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any function shape is forwarded as it is
type Fn = (...args: any[]) => unknown;
type Forwarded<H> = { [K in Extract<keyof H, ForwardedName>]: H[K] extends Fn ? (...args: Parameters<H[K]>) => Promise<Awaited<ReturnType<H[K]>>> : never };

export type HubHandle<H extends SwappableHub, C = AppConfig> = Forwarded<H> & {
  /** The hub in force now (changes at each reload). */
  current(): H;
  invoke(channel: unknown, rawInput: unknown): ReturnType<H['invoke']>;
  onEvent(listener: Parameters<H['onEvent']>[0]): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Puts `config` in force; rejects with the new config's error after going back to the previous one. */
  reload(config: C): Promise<void>;
  /** The config in force. */
  config(): C;
};

export interface HubHostOptions<H extends SwappableHub, C = AppConfig> {
  config: C;
  /** Makes a hub on `config`; `reload` is the handle's own, for the hub's Integrasjoner screen to call. */
  create(config: C, reload: (config: C) => Promise<void>): Promise<H>;
  logger?: Logger;
}

export async function createHubHost<H extends SwappableHub, C = AppConfig>(o: HubHostOptions<H, C>): Promise<HubHandle<H, C>> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see SwappableHub.onEvent
  const listeners = new Set<(name: any, payload: unknown) => void>();
  let config = o.config;
  let hub!: H;
  let unsubscribe: () => void = () => undefined;
  /** Set while a swap runs: requests wait on it. */
  let swapping: Promise<void> | null = null;
  let stopped = false;

  const adopt = (h: H) => {
    hub = h;
    unsubscribe = h.onEvent((name: unknown, payload: unknown) => {
      for (const l of [...listeners]) l(name, payload);
    });
  };
  const ready = async (): Promise<H> => {
    while (swapping) await swapping;
    return hub;
  };

  async function swap(next: C): Promise<void> {
    if (stopped) throw new Error('Postmottak avsluttes.');
    const old = hub;
    unsubscribe();
    await old.stop();
    let h: H | undefined;
    try {
      h = await o.create(next, reload);
      await h.start();
      adopt(h);
      config = next;
      o.logger?.log('info', 'hub reloaded on a new configuration');
    } catch (e) {
      // a hub that was made but did not start is stopped before another opens the same store
      await h?.stop().catch(() => undefined);
      o.logger?.log('error', 'new configuration failed to start; going back to the previous one', { error: e instanceof Error ? e.message : String(e) });
      try {
        // the hub is built again on the config that ran: the store and its jobs are as the old one left them
        const back = await o.create(config, reload);
        await back.start();
        adopt(back);
      } catch (again) {
        o.logger?.log('error', 'the previous configuration failed to start again', { error: again instanceof Error ? again.message : String(again) });
      }
      // the caller hears why its configuration was refused, not a later error
      throw e;
    }
  }

  function reload(next: C): Promise<void> {
    // one swap at a time: a second reload waits for the first, then swaps from what it left
    const prev = swapping ?? Promise.resolve();
    const run: Promise<void> = prev.catch(() => undefined).then(() => swap(next));
    const marker = run.then(
      () => undefined,
      () => undefined,
    );
    swapping = marker;
    void marker.then(() => {
      if (swapping === marker) swapping = null;
    });
    return run;
  }

  adopt(await o.create(config, reload));

  const handle = {
    current: () => hub,
    config: () => config,
    invoke: (async (channel: unknown, input: unknown) => (await ready()).invoke(channel, input)) as HubHandle<H, C>['invoke'],
    onEvent(listener: Parameters<H['onEvent']>[0]) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    start: async () => (await ready()).start(),
    stop() {
      stopped = true;
      // called at once when no swap runs (the hosts count on stop having begun when this returns)
      if (!swapping) {
        unsubscribe();
        return hub.stop();
      }
      return ready().then((h) => {
        unsubscribe();
        return h.stop();
      });
    },
    reload,
  } as unknown as HubHandle<H, C>;
  for (const name of FORWARDED) {
    if (typeof (hub as unknown as Record<string, unknown>)[name] !== 'function') continue;
    Object.assign(handle, { [name]: async (...args: unknown[]) => ((await ready()) as unknown as Record<string, Fn>)[name]!(...args) });
  }
  return handle;
}
