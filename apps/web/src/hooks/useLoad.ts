import type { SsoClient, SsoError } from '@sso/client';
import { useSsoClient } from '@sso/client/react';
import { useCallback, useEffect, useState } from 'react';
import { settle, type SettleOptions } from './settle';
import { useRetryWhileUnavailable } from './useRetryWhileUnavailable';

/** Data loaded from the BFF, as a page shows it (see LoadView). */
export type Load<T> = { status: 'loading' } | { status: 'loaded'; data: T } | { status: 'error'; error: SsoError };

/** Loads data; a module-level function, so that it is the same one on every render. */
export type Loader<T> = (client: SsoClient, signal: AbortSignal) => Promise<T>;

/** What {@link useLoad} gives. */
export interface Loaded<T> {
  state: Load<T>;
  /** Shows `data` (what a change was answered with) without asking again. */
  replace: (data: T) => void;
  /** Asks again ("Try again", or after a refused change), keeping loaded data on screen meanwhile. */
  reload: () => void;
}

/**
 * The SPA's one loading state machine: `load` once per mount, cancelled when the component goes
 * away; after a 503 it asks again on its own (after Retry-After, see useRetryWhileUnavailable),
 * the notice staying until the answer; any other failure waits for `reload`.
 */
export function useLoad<T>(load: Loader<T>, { needsSession = false }: SettleOptions = {}): Loaded<T> {
  const client = useSsoClient();
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    void settle(load(client, signal), { signal, needsSession }).then((outcome) => {
      if (outcome) setState(outcome.ok ? { status: 'loaded', data: outcome.value } : { status: 'error', error: outcome.error });
    });
    return () => controller.abort();
  }, [client, load, needsSession, attempt]);

  const replace = useCallback((data: T) => setState({ status: 'loaded', data }), []);
  // Only a first load shows the spinner.
  const reload = useCallback(() => {
    setState((current) => (current.status === 'loaded' ? current : { status: 'loading' }));
    setAttempt((n) => n + 1);
  }, []);
  // After a 503: ask again without clearing the error, so the notice stays until the answer.
  const askAgain = useCallback(() => setAttempt((n) => n + 1), []);
  useRetryWhileUnavailable(state.status === 'error' ? state.error : null, askAgain);

  return { state, replace, reload };
}
