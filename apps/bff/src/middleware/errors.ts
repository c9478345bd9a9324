import type { Context, Middleware } from 'koa';
import { AppError, ErrorCode, toAppError } from '../errors.js';
import { withQueryParam } from '../auth/returnTo.js';
import { answerJson } from '../routes/answerJson.js';
import { describeError, type Logger } from '../logger.js';
import { LogThrottle } from '../logThrottle.js';
import type { RouteTable } from '../routes/table.js';
import { redirect } from '../routes/redirect.js';

/** A flood of one kind of refusal logs its first line in full, then one summary per this interval. */
const REFUSAL_LOG_INTERVAL_MS = 60_000;

/** Where a failed browser navigation goes, with `?error=<code>`, unless its error names a page. */
const SIGN_IN_PAGE = '/login';

/**
 * The one place errors are rendered and logged. Browser navigations (the routes the route table
 * declares `navigation` or `page`) go to the sign-in page with a stable code; everything else gets JSON.
 * No response ever carries a stack trace or a library's message. Refusals (4xx) are logged at warn
 * once per code and interval, the repeats counted in a summary line: a flood of bogus requests
 * must not write a warn line per request. Failures (5xx) are always logged.
 */
export function errorHandler(logger: Logger, options: { routes: RouteTable; now?: () => number }): Middleware {
  const { routes } = options;
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
        else
          refusals.warn(err.code, { ...entry, requestId: ctx.state.requestId }, 'request refused', { code: err.code, status: err.status });
      }

      renderError(ctx, err, routes.navigates(ctx));
    }
  };
}

/**
 * The answer for an error, as the error handler gives it: on a navigation route's request, a
 * redirect. Also for a route's expected refusal that is not logged (a 401 from /auth/me):
 * answered directly, it is not thrown through every middleware above the route, which cost as
 * much as the rest of that request.
 */
export function renderError(ctx: Context, err: AppError, navigation = false): void {
  // A client that asks for JSON (not a browser navigation) gets the error itself, e.g. a
  // 503 with Retry-After from /auth/login/:provider while the provider's discovery is down.
  if (navigation && err.page !== false && ctx.accepts('html', 'json') !== 'json') {
    // Sign-in failures go to the sign-in page; a failed "connect another account" goes back to
    // the page it started from (its error says so: routes/auth.ts).
    redirect(ctx, withQueryParam(err.page ?? SIGN_IN_PAGE, 'error', err.code));
    return;
  }
  ctx.status = err.status;
  if (err.retryAfter !== undefined) ctx.set('Retry-After', String(err.retryAfter));
  // Serialised here and typed as it is (answerJson.ts): Koa would look the type of an object body up.
  answerJson(ctx, JSON.stringify({ error: err.code, message: err.publicMessage, ...(err.reason ? { reason: err.reason } : {}) }));
}
