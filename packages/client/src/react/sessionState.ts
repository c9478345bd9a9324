import type { MeResponse } from '@sso/profile';
import type { SessionEndDetail } from '../client.js';
import { isTemporarilyUnavailable, type SsoError } from '../errors.js';

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out' | 'error';

/** The session as last checked (what `useSession()` gives, but `refresh`). */
export interface SessionState {
  status: SessionStatus;
  /** The signed-in session (`GET /auth/me`), `null` unless `status` is `signed-in`. */
  session: MeResponse | null;
  /** Why the check failed, `null` unless `status` is `error`. */
  error: SsoError | null;
  /** When signed out because the BFF ended the session for a reason (e.g. another device signed it out): why. */
  ended: SessionEndDetail | null;
  /**
   * The last check was answered "temporarily unavailable" (a 503, e.g. `store_unavailable`): the
   * status is still the one known before (`error`, with this same error, when nothing was known
   * yet), and the check repeats on its own after `retryAfter`. `null` once the BFF answers again.
   */
  unavailable: SsoError | null;
}

export const LOADING: SessionState = { status: 'loading', session: null, error: null, ended: null, unavailable: null };
export const SIGNED_OUT: SessionState = { status: 'signed-out', session: null, error: null, ended: null, unavailable: null };

/** After `/auth/me` answered (`null`: nobody signed in); the same object when nothing changed, so nothing re-renders. */
export function afterAnswer(previous: SessionState, session: MeResponse | null): SessionState {
  if (!session) {
    if (previous.status !== 'signed-out') return SIGNED_OUT;
    return previous.unavailable ? { ...previous, unavailable: null } : previous;
  }
  if (previous.status === 'signed-in' && !previous.unavailable && JSON.stringify(previous.session) === JSON.stringify(session)) {
    return previous;
  }
  return { status: 'signed-in', session, error: null, ended: null, unavailable: null };
}

/**
 * After a check failed. "Temporarily unavailable" is never a sign-out, nor does it hide a session
 * already shown: the state known before stays, marked `unavailable`. Any other failure of a quiet
 * check changes nothing (offline for a moment); of a visible one, it is `error`.
 */
export function afterFailure(previous: SessionState, error: SsoError, quiet: boolean): SessionState {
  if (isTemporarilyUnavailable(error)) {
    if (previous.status === 'signed-in' || previous.status === 'signed-out') return { ...previous, unavailable: error };
    return { status: 'error', session: null, error, ended: null, unavailable: error };
  }
  if (quiet) return previous;
  return { status: 'error', session: null, error, ended: null, unavailable: null };
}
