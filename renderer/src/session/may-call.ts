import type { ChannelName } from '../../../electron/ipc/contract';
import type { Session } from '../../../electron/ipc/desk.contract';
import { useSession } from './session.context';

/**
 * Whether the user may call a channel, from the session's list (the hub reads it from the
 * contract's role declarations). The UI hides what the hub would refuse; until the session is
 * known it shows, and the hub still refuses.
 */
export const mayCall = (session: Session | null | undefined, channel: ChannelName): boolean => !session?.allowed || session.allowed.includes(channel);

export function useMayCall(): (channel: ChannelName) => boolean {
  const session = useSession();
  return (channel) => mayCall(session, channel);
}
