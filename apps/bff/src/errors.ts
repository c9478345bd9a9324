import { ErrorCode, messageFor } from '@sso/profile';

export { ErrorCode };

const defaultStatus: Record<ErrorCode, number> = {
  unauthenticated: 401,
  csrf_failed: 403,
  unknown_provider: 404,
  invalid_state: 400,
  login_replayed: 400,
  login_expired: 400,
  login_cookie_missing: 400,
  provider_mismatch: 400,
  access_denied: 403,
  provider_error: 502,
  provider_unavailable: 503,
  invalid_provider_response: 502,
  identity_in_use: 409,
  last_identity: 409,
  current_identity: 409,
  upstream_unavailable: 502,
  provider_not_allowed: 403,
  method_not_allowed: 405,
  bad_request: 400,
  not_found: 404,
  rate_limited: 429,
  payload_too_large: 413,
  store_unavailable: 503,
  internal_error: 500,
};

/** What a 503 tells clients to wait when its cause does not say, seconds. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

/**
 * The one error type the app throws on purpose. `code` and `message` are public (they reach the
 * browser); `detail` and `cause` are for the log only, and the log never prints `cause` whole
 * because openid-client errors carry tokens and codes there.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly publicMessage: string;
  readonly detail: string | undefined;

  /** Public: why (e.g. a SessionEndReason with `unauthenticated`), sent as `reason`. */
  readonly reason: string | undefined;

  /** Seconds a client should wait before trying again (sent as Retry-After); every 503 has one. */
  readonly retryAfter: number | undefined;

  /**
   * Where a browser navigation that ends with this error goes instead of the sign-in page (a
   * failed "connect another account" goes back to its page), or false for the error itself as
   * JSON (a request to a navigation route that is no navigation). Routes of other kinds ignore it.
   */
  readonly page: string | false | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    // A refusal (4xx) is an answer, not a fault: nobody reads its stack, and capturing one was a
    // good part of what a 401 cost. Failures (5xx) keep theirs for the log.
    const stackTraceLimit = Error.stackTraceLimit;
    if ((options.status ?? defaultStatus[code]) < 500) Error.stackTraceLimit = 0;
    super(options.detail ? `${code}: ${options.detail}` : code, { cause: options.cause });
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? defaultStatus[code];
    this.publicMessage = options.publicMessage ?? messageFor(code);
    this.detail = options.detail;
    this.reason = options.reason;
    this.retryAfter = options.retryAfter ?? (this.status === 503 ? DEFAULT_RETRY_AFTER_SECONDS : undefined);
    this.page = options.page;
  }
}

/** What an AppError is made with: the fields of the same names. */
export interface AppErrorOptions {
  detail?: string;
  cause?: unknown;
  status?: number;
  reason?: string;
  publicMessage?: string;
  retryAfter?: number;
  page?: string | false;
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Any thrown value as an AppError: Koa's own HttpErrors (ctx.throw, a malformed URL) become our codes. */
export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const status = (err as { status?: unknown } | null)?.status;
  const expose = (err as { expose?: unknown } | null)?.expose === true;
  if (typeof status === 'number' && status >= 400 && status < 500 && expose) {
    return new AppError(status === 404 ? ErrorCode.NotFound : ErrorCode.BadRequest, { status, cause: err });
  }
  return new AppError(ErrorCode.Internal, { cause: err });
}

/**
 * `err` as an AppError whose browser navigation goes to `page`: the same code, status, messages
 * and cause (the original itself when it had none, so the log describes what was thrown).
 */
export function withErrorPage(err: unknown, page: string): AppError {
  const app = toAppError(err);
  const { code, status, detail, reason, publicMessage, retryAfter } = app;
  return new AppError(code, { status, detail, reason, publicMessage, retryAfter, cause: app.cause ?? app, page });
}
