import { RequireSession as RequireSsoSession, useSession } from '@sso/client/react';
import { useCallback, useEffect, type ReactNode } from 'react';
import { Outlet, useNavigate } from 'react-router-dom';
import { LoadErrorNotice } from './LoadErrorNotice';
import { LoadingState } from './LoadingState';
import { PageShell } from './PageShell';

/**
 * Renders its children (or the nested route) only with a valid session, which pages read with
 * `useSignedInSession()`. Without one it goes to `/login?returnTo=<here>` inside the SPA (no reload).
 * A check answered "temporarily unavailable" (503) stays on this route with a notice, and the
 * page appears by itself once the BFF answers again (the SsoProvider retries).
 * `preload` starts fetching a lazily loaded page's code while the session is still being checked
 * (not once it is known to be signed out).
 */
export function RequireSession({ children, preload }: { children?: ReactNode; preload?: () => void }) {
  const navigate = useNavigate();
  const { status } = useSession();
  useEffect(() => {
    if (status !== 'signed-out') preload?.();
  }, [preload, status]);
  const goToLogin = useCallback(
    (to: string) => {
      void navigate(to, { replace: true });
    },
    [navigate],
  );
  return (
    <RequireSsoSession
      navigate={goToLogin}
      fallback={
        <PageShell>
          <LoadingState label="Checking your session…" />
        </PageShell>
      }
      errorFallback={(error, retry) => (
        <PageShell>
          <LoadErrorNotice title="We couldn't check whether you are signed in." error={error} onRetry={retry} />
        </PageShell>
      )}
    >
      {children ?? <Outlet />}
    </RequireSsoSession>
  );
}
