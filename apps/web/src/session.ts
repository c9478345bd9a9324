import type { MeResponse } from '@sso/profile';
import { useSession } from '@sso/client/react';

/** The signed-in session; only valid below `RequireSession`, which never renders its pages without one. */
export function useSignedInSession(): MeResponse {
  const { session } = useSession();
  if (!session) throw new Error('useSignedInSession() must be used below <RequireSession>');
  return session;
}
