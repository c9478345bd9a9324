import type { MeResponse } from '@sso/profile';
import { createContext, useContext } from 'react';

/** The signed-in session, provided by `RequireSession` to the pages it protects. */
export const SessionContext = createContext<MeResponse | null>(null);

/** The current session; only valid below `RequireSession`, which never renders its pages without one. */
export function useSession(): MeResponse {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() must be used below <RequireSession>');
  return session;
}
