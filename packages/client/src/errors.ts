import type { ErrorCode } from '@sso/profile';

/**
 * Failures that happen before the BFF could answer in its own words. They are local to the browser,
 * so they are not part of the shared `ErrorCode` list.
 */
export const ClientErrorCode = {
  /** The request never got an answer (offline, BFF down, DNS, or a CORS refusal). */
  Network: 'network_error',
  /** An answer arrived but did not have the expected shape (proxy error page, older/newer BFF). */
  UnexpectedResponse: 'unexpected_response',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/**
 * A shared `ErrorCode` from the BFF, or a `ClientErrorCode`. The BFF's list only ever grows, so a
 * newer server may send a code this build does not know yet: it is passed on as it is.
 */
export type SsoErrorCode = ErrorCode | ClientErrorCode | (string & {});

/** A failed call to the BFF: `code` is stable (switch on it), `message` is fit to show to a person. */
export class SsoError extends Error {
  override readonly name = 'SsoError';
  readonly code: SsoErrorCode;
  /** The HTTP status, or 0 when there was no answer. */
  readonly status: number;
  /** The BFF's `X-Request-Id` of the failed call, to quote to support; null when there was none. */
  readonly requestId: string | null;
  /** Seconds the answer's `Retry-After` asked to wait before trying again (e.g. with a 503); undefined when it did not say. */
  readonly retryAfter: number | undefined;

  constructor(
    code: SsoErrorCode,
    status: number,
    message: string,
    options?: { cause?: unknown; requestId?: string | null; retryAfter?: number | undefined },
  ) {
    super(message, options);
    this.code = code;
    this.status = status;
    this.requestId = options?.requestId ?? null;
    this.retryAfter = options?.retryAfter;
  }
}

// `import type` only (the client has no runtime dependencies), so the one code used here is spelled
// out and checked against the shared type.
const INTERNAL_ERROR: ErrorCode = 'internal_error';
const STORE_UNAVAILABLE: ErrorCode = 'store_unavailable';

/** Turns anything a call may throw into an SsoError, for code that shows errors to people. */
export function toSsoError(error: unknown): SsoError {
  if (error instanceof SsoError) return error;
  return new SsoError(INTERNAL_ERROR, 0, 'Something went wrong. Please try again.', { cause: error });
}

/**
 * Whether `error` says the service is temporarily unavailable: `store_unavailable` (its database is
 * down), or any 503 (e.g. `provider_unavailable`, or a gateway's). Nothing was lost and the session
 * is as it was: try again after `retryAfter`, and never take it for a sign-out.
 */
export function isTemporarilyUnavailable(error: unknown): boolean {
  return error instanceof SsoError && (error.code === STORE_UNAVAILABLE || error.status === 503);
}

/** Whether `error` comes from cancelling a call (its `signal` was aborted), not a real failure. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
