import type { ProviderSummary } from '@sso/profile';
import { useCallback, useEffect, useState } from 'react';
import { fetchProviders, isAbort, toApiRequestError, type ApiRequestError } from '../api';

export type ProvidersState =
  | { status: 'loading' }
  | { status: 'loaded'; providers: ProviderSummary[] }
  | { status: 'error'; error: ApiRequestError };

/** `GET /auth/providers` once per mount; `retry` asks again (never automatic). */
export function useProviders(): { state: ProvidersState; retry: () => void } {
  const [state, setState] = useState<ProvidersState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchProviders({ signal: controller.signal }).then(
      (providers) => setState({ status: 'loaded', providers }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ status: 'error', error: toApiRequestError(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return { state, retry };
}
