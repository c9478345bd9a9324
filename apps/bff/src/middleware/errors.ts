import type { Context, Middleware } from 'koa';
import { AppError, ErrorCode, isAppError } from '../errors.js';
import { withQueryParam } from '../auth/returnTo.js';
import { describeError, type Logger } from '../logger.js';
import { LogThrottle } from '../logThrottle.js';

/** A flood of one kind of refusal logs its first line in full, then one summary per this interval. */
const REFUSAL_LOG_INTERVAL_MS = 60_000;

/** Koa's own HttpErrors (e.g. from ctx.throw or a malformed URL) become our codes. */
function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const status = (err as { status?: unknown }).status;
  const expose = (err as { expose?: unknown }).expose === true;
  if (typeof status === 'number' && status >= 400 && status < 500 && expose) {
    return new AppError(status === 404 ? ErrorCode.NotFound : ErrorCode.BadRequest, { status, cause: err });
  }
  return new AppError(ErrorCode.Internal, { cause: err });
}

/**
 * The one place errors are rendered and logged. Browser navigations (sign-in and callback, marked
 * with ctx.state.navigation) go to the sign-in page with a stable code; everything else gets JSON.
 * No response ever carries a stack trace or a library's message. Refusals (4xx) are logged at warn
 * once per code and interval, the repeats counted in a summary line: a flood of bogus requests
 * must not write a warn line per request. Failures (5xx) are always logged.
 */
export function errorHandler(logger: Logger, options: { now?: () => number } = {}): Middleware {
  const refusals = new LogThrottle(logger, { intervalMs: REFUSAL_LOG_INTERVAL_MS, now: options.now ?? Date.now });
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError(ErrorCode.NotFound);
    } catch (caught) {
      const err = toAppError(caught);
      // Not signed in and not found are answers to ordinary requests: not logged.
      if (err.status >= 500 || (err.code !== ErrorCode.NotFound && err.code !== ErrorCode.Unauthenticated)) {
        // `failure`, not `err`: pino's err serializer would copy every field of the error.
        const failure = describeError(err.cause ?? err, { stack: err.status >= 500 });
        const entry = { code: err.code, status: err.status, method: ctx.method, path: ctx.path, detail: err.detail, failure };
        if (err.status >= 500) ctx.log.error(entry, 'request failed');
        else refusals.warn(err.code, { ...entry, requestId: ctx.state.requestId }, 'request refused', { code: err.code, status: err.status });
      }

      renderError(ctx, err);
    }
  };
}

/**
 * The answer for an error, as the error handler gives it. Also for a route's expected refusal
 * that is not logged (a 401 from /auth/me): answered directly, it is not thrown through every
 * middleware above the route, which cost as much as the rest of that request.
 */
export function renderError(ctx: Context, err: AppError): void {
  // A client that asks for JSON (not a browser navigation) gets the error itself, e.g. a
  // 503 with Retry-After from /auth/login/:provider while the provider's discovery is down.
  if (ctx.state.navigation === true && ctx.accepts('html', 'json') !== 'json') {
    // Sign-in failures go to the sign-in page; a failed "connect another account" goes back to
    // the page it started from (set by the callback once it knows).
    const page = typeof ctx.state.errorPage === 'string' ? ctx.state.errorPage : '/login';
    ctx.status = 302;
    ctx.redirect(withQueryParam(page, 'error', err.code));
    return;
  }
  ctx.status = err.status;
  if (err.retryAfter !== undefined) ctx.set('Retry-After', String(err.retryAfter));
  ctx.body = { error: err.code, message: err.publicMessage, ...(err.reason ? { reason: err.reason } : {}) };
}
