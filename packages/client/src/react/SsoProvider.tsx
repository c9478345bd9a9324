import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SsoClient } from '../client.js';
import { isAbortError, isTemporarilyUnavailable, toSsoError } from '../errors.js';
import { retryDelayMs } from '../retryAfter.js';
import { afterAnswer, afterFailure, LOADING, SIGNED_OUT, type SessionState } from './sessionState.js';

export type { SessionStatus } from './sessionState.js';

/** What `useSession()` gives: the session as last checked, and a way to check again. */
export interface SessionValue extends SessionState {
  /** Checks again. From `error` it shows `loading` meanwhile; otherwise the current state stays until the answer. */
  refresh: () => Promise<void>;
}

const ClientContext = createContext<SsoClient | null>(null);
const SessionContext = createContext<SessionValue | null>(null);

/**
 * Makes `client` and the session available below it (`useSsoClient()`, `useSession()`). The session
 * is checked once on mount, then again, quietly, when the window regains focus or becomes visible,
 * and when any call reports the session ended (a 401). A failed quiet check changes nothing; a
 * failed first check shows `error` and waits for `refresh()`. The one exception is "temporarily
 * unavailable" (a 503): the state known before stays, marked `unavailable`, and the check repeats
 * on its own after the answer's Retry-After (1–30 s, doubling while it lasts) until the BFF answers.
 */
export function SsoProvider({ client, children }: { client: SsoClient; children?: ReactNode }) {
  const [state, setState] = useState<SessionState>(LOADING);
  // Another client is another session: back to loading, set while rendering (React's way for state
  // that follows a prop), so that no render shows the previous client's session.
  const [stateOf, setStateOf] = useState(client);
  if (stateOf !== client) {
    setStateOf(client);
    setState(LOADING);
  }
  // Aborted when the provider unmounts (or gets another client); checks need a live one.
  const lifetime = useRef<AbortController | null>(null);
  // At most one `/auth/me` in flight; a visible check joining a quiet one makes its failure visible.
  const flight = useRef<{ promise: Promise<void>; quiet: boolean } | null>(null);
  // Bumped by a sign-out, so an answer to a check started before it cannot sign the user back in.
  const epoch = useRef(0);
  const status = useRef(state.status);
  const unavailable = useRef(state.unavailable);
  useEffect(() => {
    status.current = state.status;
    unavailable.current = state.unavailable;
  }, [state.status, state.unavailable]);
  // Bumped by every failed check while unavailable, so the next retry is scheduled even when the
  // failure left the state as it was (e.g. no answer at all during a retry).
  const [failedRetries, setFailedRetries] = useState(0);
  // Consecutive automatic retries of this outage, for the backoff; back to 0 once it is over.
  const retries = useRef(0);

  const check = useCallback(
    (quiet: boolean): Promise<void> => {
      const signal = lifetime.current?.signal;
      if (!signal) return Promise.resolve();
      if (flight.current) {
        if (!quiet) flight.current.quiet = false;
        return flight.current.promise;
      }
      const startedIn = epoch.current;
      const current = { quiet, promise: Promise.resolve() };
      current.promise = client
        .me({ signal })
        .then(
          (session) => {
            if (signal.aborted || epoch.current !== startedIn) return;
            setState((previous) => afterAnswer(previous, session));
          },
          (error: unknown) => {
            if (signal.aborted || isAbortError(error) || epoch.current !== startedIn) return;
            const failure = toSsoError(error);
            // Offline for a moment is not a sign-out (a quiet check changes nothing; the next focus
            // tries again), and neither is a 503: the BFF's database being down says nothing about
            // the session. A 401 would, which is why a 503 must never be taken for one.
            setState((previous) => afterFailure(previous, failure, current.quiet));
            if (isTemporarilyUnavailable(failure) || unavailable.current) setFailedRetries((n) => n + 1);
          },
        )
        .finally(() => {
          if (flight.current === current) flight.current = null;
        });
      flight.current = current;
      return current.promise;
    },
    [client],
  );

  useEffect(() => {
    const controller = new AbortController();
    lifetime.current = controller;
    void check(false);
    return () => {
      controller.abort();
      lifetime.current = null;
      flight.current = null;
    };
  }, [check]);

  // "Temporarily unavailable": check again, quietly (what is on screen stays), after Retry-After.
  useEffect(() => {
    if (!state.unavailable) {
      retries.current = 0;
      return;
    }
    const timer = setTimeout(() => void check(true), retryDelayMs(state.unavailable.retryAfter, retries.current));
    retries.current += 1;
    return () => clearTimeout(timer);
  }, [state.unavailable, failedRetries, check]);

  useEffect(
    () =>
      client.subscribe((event, detail) => {
        if (event === 'signed-out') {
          epoch.current += 1;
          flight.current = null;
          setState(SIGNED_OUT);
        } else if (detail) {
          // The BFF said why (it says so once): signed out, and the reason kept for the sign-in page.
          setState({ ...SIGNED_OUT, ended: detail });
        } else {
          void check(true);
        }
      }),
    [client, check],
  );

  useEffect(() => {
    // The session may have ended in another tab, or expired while this one was in the background
    // (or begun in another tab while this one shows the sign-in page).
    const recheck = () => {
      if (document.visibilityState === 'hidden') return;
      if (status.current === 'signed-in' || status.current === 'signed-out') void check(true);
    };
    window.addEventListener('focus', recheck);
    document.addEventListener('visibilitychange', recheck);
    return () => {
      window.removeEventListener('focus', recheck);
      document.removeEventListener('visibilitychange', recheck);
    };
  }, [check]);

  const refresh = useCallback(() => {
    // Out of `check`, whose first call (on mount) finds `loading` already: no state set in an effect.
    setState((current) => (current.status === 'error' ? LOADING : current));
    return check(false);
  }, [check]);
  const value = useMemo<SessionValue>(() => ({ ...state, refresh }), [state, refresh]);

  return (
    // `.Provider` rather than React 19's `<Context value>`: the peer range starts at React 18.
    <ClientContext.Provider value={client}>
      <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
    </ClientContext.Provider>
  );
}

/** The client given to the nearest `<SsoProvider>`. */
export function useSsoClient(): SsoClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useSsoClient() must be used inside <SsoProvider client={…}>');
  return client;
}

/** The session as the nearest `<SsoProvider>` last checked it. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() must be used inside <SsoProvider client={…}>');
  return value;
}
