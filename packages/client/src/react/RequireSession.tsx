import { useEffect, useRef, type ReactNode } from 'react';
import type { SsoError } from '../errors.js';
import { useSession } from './SsoProvider.js';

export interface RequireSessionProps {
  children?: ReactNode;
  /** Shown while the session is checked, and while leaving for sign-in. Default: nothing. */
  fallback?: ReactNode;
  /**
   * Shown when the check failed (e.g. the BFF is unreachable); `retry` checks again. Default: `fallback`.
   * When the BFF was temporarily unavailable (`isTemporarilyUnavailable(error)`), the check also repeats on its own.
   */
  errorFallback?: (error: SsoError, retry: () => void) => ReactNode;
  /** The sign-in page; `returnTo=<current path>` is added to it. Default `/login`. */
  loginPath?: string;
  /** Called instead of any navigation when signed out, with the path to come back to afterwards. */
  onSignedOut?: (returnTo: string) => void;
  /** A router's navigate (e.g. react-router's), given the sign-in URL; default: `window.location.assign`. */
  navigate?: (to: string) => void;
}

/**
 * Renders `children` only while signed in. When signed out it leaves for `loginPath?returnTo=<the
 * current path>` (or calls `onSignedOut`), once per sign-out: the sign-in page needs no session,
 * so there is no redirect loop. "Temporarily unavailable" (a 503) is never a sign-out: a page
 * already shown stays (see `useSession().unavailable`), and a first check shows `errorFallback`.
 */
export function RequireSession({
  children,
  fallback = null,
  errorFallback,
  loginPath = '/login',
  onSignedOut,
  navigate,
}: RequireSessionProps) {
  const { status, error, refresh } = useSession();
  // The latest callbacks without re-running the redirect when a parent passes new functions.
  const callbacks = useRef({ onSignedOut, navigate });
  useEffect(() => {
    callbacks.current = { onSignedOut, navigate };
  });

  useEffect(() => {
    if (status !== 'signed-out') return;
    // One task later, and not at all if this unmounts first: code that reacts to the same sign-out
    // (following logout()'s `redirectTo`) runs in microtasks, so its navigation wins over this one.
    const timer = setTimeout(() => {
      const returnTo = window.location.pathname + window.location.search;
      // Already on the sign-in page (someone else's navigation won): stay, and never make the
      // sign-in page its own returnTo.
      if (window.location.pathname === new URL(loginPath, window.location.href).pathname) return;
      const { onSignedOut: signedOut, navigate: go } = callbacks.current;
      const to = `${loginPath}${loginPath.includes('?') ? '&' : '?'}returnTo=${encodeURIComponent(returnTo)}`;
      if (signedOut) signedOut(returnTo);
      else if (go) go(to);
      else window.location.assign(to);
    });
    return () => clearTimeout(timer);
  }, [status, loginPath]);

  if (status === 'signed-in') return <>{children}</>;
  if (status === 'error' && error && errorFallback) return <>{errorFallback(error, () => void refresh())}</>;
  return <>{fallback}</>;
}
