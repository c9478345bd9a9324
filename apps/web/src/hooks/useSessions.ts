import { isAbortError, toSsoError, type SessionInfo, type SsoError } from '@sso/client';
import { useSsoClient } from '@sso/client/react';
import { ErrorCode } from '@sso/profile';
import { useCallback, useEffect, useState } from 'react';
import { useRetryWhileUnavailable } from './useRetryWhileUnavailable';

export type SessionsState =
  | { status: 'loading' }
  | { status: 'loaded'; sessions: SessionInfo[] }
  /** The BFF has no `/auth/sessions` (an older one answers 404): there is nothing to show. */
  | { status: 'unsupported' }
  | { status: 'error'; error: SsoError };

/**
 * `GET /auth/sessions` once per mount. `replace` puts in the list a DELETE answered with; `reload`
 * asks again, keeping the list on screen meanwhile; after a 503 it asks again on its own.
 */
export function useSessions(): {
  state: SessionsState;
  replace: (sessions: SessionInfo[]) => void;
  reload: () => void;
} {
  const client = useSsoClient();
  const [state, setState] = useState<SessionsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    client.sessions({ signal: controller.signal }).then(
      (sessions) => setState({ status: 'loaded', sessions }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        const failure = toSsoError(error);
        if (failure.status === 404) setState({ status: 'unsupported' });
        // The session ended: the client has said so, and RequireSession is leaving for sign-in.
        else if (failure.code !== ErrorCode.Unauthenticated) setState({ status: 'error', error: failure });
      },
    );
    return () => controller.abort();
  }, [client, attempt]);

  const replace = useCallback((sessions: SessionInfo[]) => setState({ status: 'loaded', sessions }), []);
  const reload = useCallback(() => {
    setState((current) => (current.status === 'loaded' ? current : { status: 'loading' }));
    setAttempt((n) => n + 1);
  }, []);
  // After a 503, asked again on its own; the notice stays until the answer.
  const askAgain = useCallback(() => setAttempt((n) => n + 1), []);
  useRetryWhileUnavailable(state.status === 'error' ? state.error : null, askAgain);

  return { state, replace, reload };
}
