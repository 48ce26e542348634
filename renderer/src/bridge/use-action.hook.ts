import { useCallback } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../electron/ipc/contract';
import type { HubResult } from '../../../electron/ipc/result';
import { BRIDGE_ERROR, fail } from './bridge';
import { useBridge } from './bridge.context';

/** A command on the hub; never throws, so screens handle every outcome as data. */
export function useAction<C extends ChannelName>(channel: C): (input: ChannelInput<C>) => Promise<HubResult<ChannelOutput<C>>> {
  const bridge = useBridge();
  return useCallback(
    async (input: ChannelInput<C>) => {
      try {
        return await bridge.invoke(channel, input);
      } catch (cause) {
        return fail(BRIDGE_ERROR.internal, cause instanceof Error ? cause.message : String(cause));
      }
    },
    [bridge, channel],
  );
}
