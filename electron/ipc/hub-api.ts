import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from './contract';
import type { HubResult } from './result';

/** What every host offers the UI: the typed invoke over the channel map, and events. */
export interface HubApi {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<HubResult<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

