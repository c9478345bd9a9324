import { isAbortError, toSsoError, type SsoError } from '@sso/client';
import { ErrorCode } from '@sso/profile';

/** How a call to the BFF ended, for code that shows it: its answer, or a failure fit to show a person. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: SsoError };

/** What the caller of {@link settle} says about the call. */
export interface SettleOptions {
  /**
   * The call needs a session, so a 401 means the session ended: the client has told the
   * SsoProvider, and RequireSession is leaving for sign-in, so there is nothing to show.
   */
  needsSession?: boolean;
}

/**
 * The one way the SPA takes the answer of a BFF call, for loads and changes alike: `null` when
 * there is nothing to show (cancelled through `signal`, or the session ended, see `needsSession`),
 * else the outcome, its failure as an SsoError.
 */
export async function settle<T>(
  call: Promise<T>,
  { signal, needsSession = false }: SettleOptions & { signal?: AbortSignal } = {},
): Promise<Outcome<T> | null> {
  try {
    const value = await call;
    return signal?.aborted ? null : { ok: true, value };
  } catch (error) {
    if (signal?.aborted || isAbortError(error)) return null;
    const failure = toSsoError(error);
    if (needsSession && failure.code === ErrorCode.Unauthenticated) return null;
    return { ok: false, error: failure };
  }
}
