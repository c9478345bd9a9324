// What the pages load from the BFF, each through the one loading state machine (useLoad).
import { SsoError, type Identity, type ProviderSummary, type SessionInfo } from '@sso/client';
import { useLoad, type Loaded, type Loader } from './useLoad';

const providers: Loader<ProviderSummary[]> = (client, signal) => client.providers({ signal });
const identities: Loader<Identity[]> = (client, signal) => client.identities({ signal });
// An older BFF has no `/auth/sessions` (it answers 404): `null`, there is nothing to show.
const sessions: Loader<SessionInfo[] | null> = (client, signal) =>
  client.sessions({ signal }).catch((error: unknown) => {
    if (error instanceof SsoError && error.status === 404) return null;
    throw error;
  });

/** `GET /auth/providers`, public: a sign-in page has no session to lose. */
export const useProviders = (): Loaded<ProviderSummary[]> => useLoad(providers);

/** `GET /auth/identities`: the connected accounts of the signed-in user. */
export const useIdentities = (): Loaded<Identity[]> => useLoad(identities, { needsSession: true });

/** `GET /auth/sessions`: where the user is signed in; `null` when the BFF does not offer the list. */
export const useSessions = (): Loaded<SessionInfo[] | null> => useLoad(sessions, { needsSession: true });
