import { RequireSession as RequireSsoSession } from '@sso/client/react';
import { useCallback, type ReactNode } from 'react';
import { Outlet, useNavigate } from 'react-router-dom';
import { LoadErrorNotice } from './LoadErrorNotice';
import { LoadingState } from './LoadingState';
import { PageShell } from './PageShell';

/**
 * Renders its children (or the nested route) only with a valid session, which pages read with
 * `useSignedInSession()`. Without one it goes to `/login?returnTo=<here>` inside the SPA (no reload).
 * A check answered "temporarily unavailable" (503) stays on this route with a notice, and the
 * page appears by itself once the BFF answers again (the SsoProvider retries).
 */
export function RequireSession({ children }: { children?: ReactNode }) {
  const navigate = useNavigate();
  const goToLogin = useCallback((to: string) => navigate(to, { replace: true }), [navigate]);
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
