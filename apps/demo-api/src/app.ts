import Router, { type RouterContext } from '@koa/router';
import Koa, { type Next } from 'koa';
import type { RequestListener } from 'node:http';

import { bearerToken, HttpError, readJson, sendJson } from './http.js';
import { createIntrospector, IntrospectionUnavailableError, type ActiveToken, type IntrospectionOptions } from './introspection.js';

export interface DemoApiOptions extends IntrospectionOptions {
  /** A scope every token must carry (403 insufficient_scope otherwise); default: none. */
  requiredScope?: string;
  /** Default console.log; gets messages only, never a token or header value. */
  logger?: (msg: string) => void;
}

type TokenContext = RouterContext<{ token: ActiveToken }>;

/** GET /api/demo/hello: who the token belongs to, and what reached us besides it (to test the BFF's proxy). */
function hello(ctx: TokenContext) {
  const { token } = ctx.state;
  sendJson(ctx, 200, {
    message: 'Hello from the demo API',
    sub: token.sub,
    scope: token.scope,
    clientId: token.clientId,
    expiresAt: new Date(token.exp * 1000).toISOString(),
    // Names and presence only: a proxy must strip the browser's cookies and its own x- headers.
    receivedCookies: ctx.headers.cookie !== undefined,
    receivedHeaders: Object.keys(ctx.headers)
      .filter((name) => name.startsWith('x-'))
      .sort(),
  });
}

/** POST /api/demo/echo: the JSON body back, to prove the proxy forwards methods and bodies. */
async function echo(ctx: TokenContext) {
  sendJson(ctx, 200, { received: await readJson(ctx) });
}

/** RFC 6750 §3.1: one answer for a missing, malformed, unknown, expired or revoked token. */
const invalidToken = () =>
  new HttpError(401, 'invalid_token', 'the access token is missing, expired or revoked', {
    'WWW-Authenticate': 'Bearer error="invalid_token"',
  });

/**
 * The demo API's request handler, no side effects until a request arrives. Every protected request is
 * introspected at the IdP before anything else happens; nothing is cached.
 */
export function createDemoApi(options: DemoApiOptions): RequestListener {
  const { requiredScope, logger = console.log } = options;
  const introspect = createIntrospector(options);

  async function authenticate(ctx: TokenContext, next: Next) {
    const token = bearerToken(ctx);
    const active = token === undefined ? undefined : await introspect(token);
    if (!active) throw invalidToken();
    if (requiredScope && !active.scope.split(' ').includes(requiredScope)) {
      throw new HttpError(403, 'insufficient_scope', `the token lacks the scope ${requiredScope}`, {
        'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${requiredScope}"`,
      });
    }
    ctx.state.token = active;
    await next();
  }

  // Exact paths and methods only: anything else, another method included, is the JSON 404.
  const router = new Router<{ token: ActiveToken }>({ strict: true, sensitive: true });
  router.get('/api/demo/hello', authenticate, hello);
  router.post('/api/demo/echo', authenticate, echo);

  const app = new Koa();
  // Koa's own 'error' event (e.g. a socket that failed mid-answer); without a listener Koa prints whole errors.
  app.on('error', (err: Error) => logger(`error: ${err.message}`));
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof HttpError) return sendJson(ctx, err.status, { error: err.code }, err.headers);
      if (err instanceof IntrospectionUnavailableError) {
        logger(`cannot check access tokens: ${err.message}`);
        return sendJson(ctx, 503, { error: 'temporarily_unavailable' }, { 'Retry-After': '1' });
      }
      logger(`request failed: ${err instanceof Error ? err.message : String(err)}`);
      sendJson(ctx, 500, { error: 'server_error' });
    }
  });
  app.use(router.routes());
  app.use((ctx) => sendJson(ctx, 404, { error: 'not_found' }));
  // Koa's handler settles every request itself (errors included), so there is nothing to await.
  const handle = app.callback();
  return (req, res) => void handle(req, res);
}
