import type { MeResponse } from '@sso/profile';
import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { fetchMe, isAbort, toApiRequestError, type ApiRequestError } from '../api';
import { SessionContext } from '../session';
import { ErrorNotice } from './ErrorNotice';
import { LoadingState } from './LoadingState';
import { PageShell } from './PageShell';

type SessionState =
  | { status: 'loading' }
  | { status: 'signed-in'; session: MeResponse }
  | { status: 'signed-out' }
  | { status: 'error'; error: ApiRequestError };

/**
 * Renders its children (or the nested route) only with a valid session, which pages read with
 * `useSession()`. Without a session it sends the user to sign in, asking to come back here.
 */
export function RequireSession({ children }: { children?: ReactNode }) {
  const location = useLocation();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  // Bumped by "Try again"; errors never retry on their own, so a down BFF cannot cause a request loop.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchMe({ signal: controller.signal }).then(
      (session) => setState(session ? { status: 'signed-in', session } : { status: 'signed-out' }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ status: 'error', error: toApiRequestError(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const signedIn = state.status === 'signed-in';
  useEffect(() => {
    if (!signedIn) return;
    // The session may have ended in another tab or expired while this one was in the background:
    // check again when the user comes back, quietly, and leave for sign-in only on a clear 401.
    const controller = new AbortController();
    let inFlight = false;
    const recheck = () => {
      if (inFlight || document.visibilityState === 'hidden') return;
      inFlight = true;
      fetchMe({ signal: controller.signal })
        .then(
          (session) => setState(session ? { status: 'signed-in', session } : { status: 'signed-out' }),
          () => {
            // A failed re-check (offline for a moment) is not a sign-out; the next focus tries again.
          },
        )
        .finally(() => {
          inFlight = false;
        });
    };
    window.addEventListener('focus', recheck);
    document.addEventListener('visibilitychange', recheck);
    return () => {
      window.removeEventListener('focus', recheck);
      document.removeEventListener('visibilitychange', recheck);
      controller.abort();
    };
  }, [signedIn]);

  switch (state.status) {
    case 'loading':
      return (
        <PageShell>
          <LoadingState label="Checking your session…" />
        </PageShell>
      );
    case 'error':
      return (
        <PageShell>
          <ErrorNotice
            title="We couldn't check whether you are signed in."
            message={state.error.message}
            onRetry={() => {
              setState({ status: 'loading' });
              setAttempt((n) => n + 1);
            }}
          />
        </PageShell>
      );
    case 'signed-out': {
      // A client-side redirect (no reload); the sign-in page does not need a session, so no loop.
      const returnTo = location.pathname + location.search;
      return <Navigate to={`/login?returnTo=${encodeURIComponent(returnTo)}`} replace />;
    }
    case 'signed-in':
      return <SessionContext value={state.session}>{children ?? <Outlet />}</SessionContext>;
  }
}
