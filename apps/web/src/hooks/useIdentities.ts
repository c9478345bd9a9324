import { ErrorCode, type Identity } from '@sso/profile';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { fetchIdentities, isAbort, toApiRequestError, type ApiRequestError } from '../api';

export type IdentitiesState =
  | { status: 'loading' }
  | { status: 'loaded'; identities: Identity[] }
  | { status: 'error'; error: ApiRequestError };

/** Where to go when a call finds the session gone (ended in another tab, or expired). */
export const SIGN_IN_AGAIN = `/login?returnTo=${encodeURIComponent('/profile')}`;

/**
 * `GET /auth/identities` once per mount. `replace` puts in the list a DELETE answered with;
 * `reload` asks again (after "Try again", or when the server refused a change and may know better).
 */
export function useIdentities(): {
  state: IdentitiesState;
  replace: (identities: Identity[]) => void;
  reload: () => void;
} {
  const navigate = useNavigate();
  const [state, setState] = useState<IdentitiesState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchIdentities({ signal: controller.signal }).then(
      (identities) => setState({ status: 'loaded', identities }),
      (error: unknown) => {
        if (isAbort(error)) return;
        const failure = toApiRequestError(error);
        if (failure.code === ErrorCode.Unauthenticated) navigate(SIGN_IN_AGAIN, { replace: true });
        else setState({ status: 'error', error: failure });
      },
    );
    return () => controller.abort();
  }, [attempt, navigate]);

  const replace = useCallback((identities: Identity[]) => setState({ status: 'loaded', identities }), []);
  // Keeps showing the list it has while asking again; only a first load shows the spinner.
  const reload = useCallback(() => {
    setState((current) => (current.status === 'loaded' ? current : { status: 'loading' }));
    setAttempt((n) => n + 1);
  }, []);

  return { state, replace, reload };
}
