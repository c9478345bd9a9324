import { isAbortError, toSsoError, type ProviderSummary, type SsoError } from '@sso/client';
import { useSsoClient } from '@sso/client/react';
import { useCallback, useEffect, useState } from 'react';
import { useRetryWhileUnavailable } from './useRetryWhileUnavailable';

export type ProvidersState =
  | { status: 'loading' }
  | { status: 'loaded'; providers: ProviderSummary[] }
  | { status: 'error'; error: SsoError };

/** `GET /auth/providers` once per mount; `retry` asks again (automatic only after a 503, see useRetryWhileUnavailable). */
export function useProviders(): { state: ProvidersState; retry: () => void } {
  const client = useSsoClient();
  const [state, setState] = useState<ProvidersState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    client.providers({ signal: controller.signal }).then(
      (providers) => setState({ status: 'loaded', providers }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', error: toSsoError(error) });
      },
    );
    return () => controller.abort();
  }, [client, attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  const askAgain = useCallback(() => setAttempt((n) => n + 1), []);
  useRetryWhileUnavailable(state.status === 'error' ? state.error : null, askAgain);

  return { state, retry };
}
