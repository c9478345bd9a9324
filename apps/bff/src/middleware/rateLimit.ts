import type { Middleware } from 'koa';
import type { RateLimitBucket, RateLimitConfig } from '../config/index.js';
import { AppError, ErrorCode, isAppError } from '../errors.js';
import { LogThrottle } from '../logThrottle.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { clientKey } from './clientAddress.js';

/** How often a limiter that cannot reach its counters says so, at most. */
const FAIL_OPEN_LOG_INTERVAL_MS = 60_000;

/** Route middleware counting a request against `bucket`'s budget (see {@link rateLimiter}). */
export type RateLimitMiddleware = (bucket: RateLimitBucket) => Middleware;

export interface RateLimiterDeps {
  rateLimits: RateLimitConfig;
  store: Store;
  logger: Logger;
  now: () => number;
}

/**
 * Per-address request budgets for the unauthenticated routes that write, counted in the database
 * so that every instance shares them. `limit(bucket)` is route middleware: it runs before the
 * route does anything, so a request beyond the budget costs one counter upsert and nothing else.
 * The address is ctx.ip: behind TRUST_PROXY the one our proxy saw (app.ts reads only the last
 * X-Forwarded-For entry), otherwise the socket's. A refusal on a navigation route (sign-in and its
 * callback) sends the browser to the sign-in page, as the route's other errors do (routes/table.ts).
 *
 * When the database cannot answer, the limiter lets the request through (fails open) and logs that
 * once a minute: the route itself needs the database and answers its own 503 if it is down, and a
 * limiter must not turn a slow counter table into failed sign-ins.
 */
export function rateLimiter(deps: RateLimiterDeps): RateLimitMiddleware {
  const { store, now } = deps;
  const failures = new LogThrottle(deps.logger, { intervalMs: FAIL_OPEN_LOG_INTERVAL_MS, now });

  return (bucket) => {
    const limit = deps.rateLimits[bucket];
    if (!limit) return (_ctx, next) => next();
    return async (ctx, next) => {
      let hit: { count: number; resetAt: number };
      const at = now();
      try {
        hit = await store.rateLimits.hit(`${bucket}:${clientKey(ctx.ip)}`, limit.windowMs, at);
      } catch (err) {
        if (!isAppError(err) || err.code !== ErrorCode.StoreUnavailable) throw err;
        failures.warn('store', { bucket, detail: err.detail }, 'rate limit not checked: counters unavailable, request let through', {
          bucket,
        });
        await next();
        return;
      }
      if (hit.count > limit.max) {
        throw new AppError(ErrorCode.RateLimited, {
          detail: `${bucket}: more than ${limit.max} requests in ${limit.windowMs / 1000} s from this address`,
          retryAfter: Math.max(Math.ceil((hit.resetAt - at) / 1000), 1),
        });
      }
      await next();
    };
  };
}
