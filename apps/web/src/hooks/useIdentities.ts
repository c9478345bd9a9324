import { isAbortError, toSsoError, type Identity, type SsoError } from '@sso/client';
import { useSsoClient } from '@sso/client/react';
import { ErrorCode } from '@sso/profile';
import { useCallback, useEffect, useState } from 'react';
import { useRetryWhileUnavailable } from './useRetryWhileUnavailable';

export type IdentitiesState =
  | { status: 'loading' }
  | { status: 'loaded'; identities: Identity[] }
  | { status: 'error'; error: SsoError };

/**
 * `GET /auth/identities` once per mount. `replace` puts in the list a DELETE answered with;
 * `reload` asks again (after "Try again", or when the server refused a change and may know better);
 * after a 503 it asks again on its own.
 */
export function useIdentities(): {
  state: IdentitiesState;
  replace: (identities: Identity[]) => void;
  reload: () => void;
} {
  const client = useSsoClient();
  const [state, setState] = useState<IdentitiesState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    client.identities({ signal: controller.signal }).then(
      (identities) => setState({ status: 'loaded', identities }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        const failure = toSsoError(error);
        // The session ended: the client has said so, and RequireSession is leaving for sign-in.
        if (failure.code !== ErrorCode.Unauthenticated) setState({ status: 'error', error: failure });
      },
    );
    return () => controller.abort();
  }, [client, attempt]);

  const replace = useCallback((identities: Identity[]) => setState({ status: 'loaded', identities }), []);
  // Keeps showing the list it has while asking again; only a first load shows the spinner.
  const reload = useCallback(() => {
    setState((current) => (current.status === 'loaded' ? current : { status: 'loading' }));
    setAttempt((n) => n + 1);
  }, []);
  // After a 503, asked again on its own; the notice stays until the answer.
  const askAgain = useCallback(() => setAttempt((n) => n + 1), []);
  useRetryWhileUnavailable(state.status === 'error' ? state.error : null, askAgain);

  return { state, replace, reload };
}
