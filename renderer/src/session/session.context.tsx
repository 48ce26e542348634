import { createContext, type ReactNode, useContext } from 'react';
import type { Session } from '../../../electron/ipc/desk.contract';

const SessionContext = createContext<Session | null>(null);

/** Who is at the desk, read once by the layout; null until known (or when the host has no desk). */
export function SessionProvider({ session, children }: { session: Session | null; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export const useSession = (): Session | null => useContext(SessionContext);
