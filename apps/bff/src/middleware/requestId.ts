import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

/** What every log line of a request carries, found without passing it around. */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

// Taken from a proxy in front only when it looks like an id: no spaces, quotes or control characters
// can reach a log line or a header through it.
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * A request id: `X-Request-Id` when well-formed, else a new one. It is in every log line of the
 * request (the logger's mixin reads it), in the response header, and forwarded to proxied upstreams,
 * so one sign-in can be followed from the browser's error notice through every log.
 */
export function requestId(): Middleware {
  return (ctx, next) => {
    const given = ctx.get('X-Request-Id');
    const id = WELL_FORMED.test(given) ? given : randomUUID();
    ctx.state.requestId = id;
    ctx.set('X-Request-Id', id);
    return requestContext.run({ requestId: id }, next);
  };
}
