import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '../../../electron/ipc/contract';
import type { HubResult } from '../../../electron/ipc/result';
import { type Bridge, fail } from './bridge';

export type FakeHandler<C extends ChannelName> = (
  input: ChannelInput<C>,
) => HubResult<ChannelOutput<C>> | Promise<HubResult<ChannelOutput<C>>>;

export type FakeHandlers = { [C in ChannelName]?: FakeHandler<C> };

export interface FakeCall {
  channel: ChannelName;
  input: unknown;
}

/** In-memory Bridge for renderer tests: canned handlers per channel, recorded calls, pushed events. */
export class FakeBridge implements Bridge {
  readonly calls: FakeCall[] = [];
  private readonly handlers: FakeHandlers;
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(handlers: FakeHandlers = {}) {
    this.handlers = { ...handlers };
  }

  setHandler<C extends ChannelName>(channel: C, handler: FakeHandler<C>): void {
    (this.handlers as Record<string, unknown>)[channel] = handler;
  }

  callsTo<C extends ChannelName>(channel: C): ChannelInput<C>[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.input as ChannelInput<C>);
  }

  async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<HubResult<ChannelOutput<C>>> {
    this.calls.push({ channel, input });
    const handler = this.handlers[channel] as FakeHandler<C> | undefined;
    if (!handler) return fail('unknown-channel', `Ingen testsvar for ${channel}`);
    return handler(input);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(payload);
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}
