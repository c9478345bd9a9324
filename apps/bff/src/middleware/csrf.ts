import type { Middleware } from 'koa';
import { AppError, ErrorCode } from '../errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing calls must carry `X-CSRF: 1`. A cross-site form or image cannot set a custom
 * header, and a cross-origin fetch that sets one needs a CORS preflight we do not grant, so the
 * header proves the call came from a page of ours (the BFF pattern of "OAuth 2.0 for
 * Browser-Based Applications" §6.1). An Origin header, when the browser sends one, must be ours too.
 */
export function requireCsrfHeader(allowedOrigins: string[]): Middleware {
  const allowed = new Set(allowedOrigins);
  // Not async: a safe method costs one comparison and the next step's own promise.
  return (ctx, next) => {
    if (!SAFE.has(ctx.method)) {
      if (ctx.get('X-CSRF') !== '1') throw new AppError(ErrorCode.CsrfFailed, { detail: 'missing X-CSRF header' });
      const origin = ctx.get('Origin');
      if (origin && !allowed.has(origin)) throw new AppError(ErrorCode.CsrfFailed, { detail: 'foreign Origin' });
      if (ctx.get('Sec-Fetch-Site') === 'cross-site') throw new AppError(ErrorCode.CsrfFailed, { detail: 'cross-site request' });
    }
    return next();
  };
}
