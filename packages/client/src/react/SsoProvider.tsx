import type { MeResponse } from '@sso/profile';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionEndDetail, SsoClient } from '../client.js';
import { isAbortError, toSsoError, type SsoError } from '../errors.js';

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out' | 'error';

/** What `useSession()` gives: the session as last checked, and a way to check again. */
export interface SessionValue {
  status: SessionStatus;
  /** The signed-in session (`GET /auth/me`), `null` unless `status` is `signed-in`. */
  session: MeResponse | null;
  /** Why the check failed, `null` unless `status` is `error`. */
  error: SsoError | null;
  /** When signed out because the BFF ended the session for a reason (e.g. another device signed it out): why. */
  ended: SessionEndDetail | null;
  /** Checks again. From `error` it shows `loading` meanwhile; otherwise the current state stays until the answer. */
  refresh(): Promise<void>;
}

type SessionState = Omit<SessionValue, 'refresh'>;

const LOADING: SessionState = { status: 'loading', session: null, error: null, ended: null };
const SIGNED_OUT: SessionState = { status: 'signed-out', session: null, error: null, ended: null };

const ClientContext = createContext<SsoClient | null>(null);
const SessionContext = createContext<SessionValue | null>(null);

/**
 * Makes `client` and the session available below it (`useSsoClient()`, `useSession()`). The session
 * is checked once on mount, then again, quietly, when the window regains focus or becomes visible,
 * and when any call reports the session ended (a 401). A failed quiet check changes nothing; a
 * failed first check shows `error` and waits for `refresh()`: nothing retries on its own.
 */
export function SsoProvider({ client, children }: { client: SsoClient; children?: ReactNode }) {
  const [state, setState] = useState<SessionState>(LOADING);
  // Aborted when the provider unmounts (or gets another client); checks need a live one.
  const lifetime = useRef<AbortController | null>(null);
  // At most one `/auth/me` in flight; a visible check joining a quiet one makes its failure visible.
  const flight = useRef<{ promise: Promise<void>; quiet: boolean } | null>(null);
  // Bumped by a sign-out, so an answer to a check started before it cannot sign the user back in.
  const epoch = useRef(0);
  const status = useRef(state.status);
  useEffect(() => {
    status.current = state.status;
  }, [state.status]);

  const check = useCallback(
    (quiet: boolean): Promise<void> => {
      const signal = lifetime.current?.signal;
      if (!signal) return Promise.resolve();
      if (!quiet) setState((current) => (current.status === 'error' ? LOADING : current));
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
            setState((previous) => next(previous, session));
          },
          (error: unknown) => {
            if (signal.aborted || isAbortError(error) || epoch.current !== startedIn) return;
            if (current.quiet) return; // Offline for a moment is not a sign-out; the next focus tries again.
            setState({ status: 'error', session: null, error: toSsoError(error), ended: null });
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
    setState(LOADING);
    void check(false);
    return () => {
      controller.abort();
      lifetime.current = null;
      flight.current = null;
    };
  }, [check]);

  useEffect(
    () =>
      client.subscribe((event, detail) => {
        if (event === 'signed-out') {
          epoch.current += 1;
          flight.current = null;
          setState(SIGNED_OUT);
        } else if (detail) {
          // The BFF said why (it says so once): signed out, and the reason kept for the sign-in page.
          setState({ status: 'signed-out', session: null, error: null, ended: detail });
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

  const refresh = useCallback(() => check(false), [check]);
  const value = useMemo<SessionValue>(() => ({ ...state, refresh }), [state, refresh]);

  return (
    // `.Provider` rather than React 19's `<Context value>`: the peer range starts at React 18.
    <ClientContext.Provider value={client}>
      <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
    </ClientContext.Provider>
  );
}

/** The state after a successful check; the same object when nothing changed, so nothing re-renders. */
function next(previous: SessionState, session: MeResponse | null): SessionState {
  if (!session) return previous.status === 'signed-out' ? previous : SIGNED_OUT;
  if (previous.status === 'signed-in' && JSON.stringify(previous.session) === JSON.stringify(session)) return previous;
  return { status: 'signed-in', session, error: null, ended: null };
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
