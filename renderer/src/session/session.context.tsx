import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { Session } from '../../../electron/ipc/desk.contract';

interface SessionState {
  session: Session | null;
  /** The hub has answered (with a user, or with an error: then there is no desk and session stays null). */
  settled: boolean;
}

const SessionContext = createContext<SessionState>({ session: null, settled: true });

/** Who is at the desk, read once by the layout; null until known (or when the host has no desk). */
export function SessionProvider({ session, settled = true, children }: { session: Session | null; settled?: boolean; children: ReactNode }) {
  const value = useMemo(() => ({ session, settled }), [session, settled]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export const useSession = (): Session | null => useContext(SessionContext).session;

/** Whether the hub has said who is at the desk yet: the start page waits for it before choosing a landing page. */
export const useSessionSettled = (): boolean => useContext(SessionContext).settled;
