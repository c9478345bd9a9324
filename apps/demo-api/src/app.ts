import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

import { bearerToken, HttpError, readJson, sendJson } from './http.js';
import { createIntrospector, IntrospectionUnavailableError, type ActiveToken, type IntrospectionOptions } from './introspection.js';

export interface DemoApiOptions extends IntrospectionOptions {
  /** A scope every token must carry (403 insufficient_scope otherwise); default: none. */
  requiredScope?: string;
  /** Default console.log; gets messages only, never a token or header value. */
  logger?: (msg: string) => void;
}

type Handler = (req: IncomingMessage, res: ServerResponse, token: ActiveToken) => unknown;

/** GET /api/demo/hello: who the token belongs to, and what reached us besides it (to test the BFF's proxy). */
function hello(req: IncomingMessage, res: ServerResponse, token: ActiveToken) {
  sendJson(res, 200, {
    message: 'Hello from the demo API',
    sub: token.sub,
    scope: token.scope,
    clientId: token.clientId,
    expiresAt: new Date(token.exp * 1000).toISOString(),
    // Names and presence only: a proxy must strip the browser's cookies and its own x- headers.
    receivedCookies: req.headers.cookie !== undefined,
    receivedHeaders: Object.keys(req.headers).filter((name) => name.startsWith('x-')).sort(),
  });
}

/** POST /api/demo/echo: the JSON body back, to prove the proxy forwards methods and bodies. */
async function echo(req: IncomingMessage, res: ServerResponse) {
  sendJson(res, 200, { received: await readJson(req) });
}

const ROUTES: ReadonlyArray<{ method: string; path: string; handle: Handler }> = [
  { method: 'GET', path: '/api/demo/hello', handle: hello },
  { method: 'POST', path: '/api/demo/echo', handle: echo },
];

/** RFC 6750 §3.1: one answer for a missing, malformed, unknown, expired or revoked token. */
const invalidToken = () =>
  new HttpError(401, 'invalid_token', 'the access token is missing, expired or revoked', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });

/**
 * The demo API's request handler, no side effects until a request arrives. Every protected request is
 * introspected at the IdP before anything else happens; nothing is cached.
 */
export function createDemoApi(options: DemoApiOptions): RequestListener {
  const { requiredScope, logger = console.log } = options;
  const introspect = createIntrospector(options);

  async function authenticate(req: IncomingMessage): Promise<ActiveToken> {
    const token = bearerToken(req);
    const active = token === undefined ? undefined : await introspect(token);
    if (!active) throw invalidToken();
    if (requiredScope && !active.scope.split(' ').includes(requiredScope)) {
      throw new HttpError(403, 'insufficient_scope', `the token lacks the scope ${requiredScope}`, {
        'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${requiredScope}"`,
      });
    }
    return active;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?', 1)[0];
    const route = ROUTES.find((candidate) => candidate.method === req.method && candidate.path === path);
    if (!route) return sendJson(res, 404, { error: 'not_found' });
    await route.handle(req, res, await authenticate(req));
  }

  function fail(res: ServerResponse, err: unknown) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof HttpError) return sendJson(res, err.status, { error: err.code }, err.headers);
    if (err instanceof IntrospectionUnavailableError) {
      logger(`cannot check access tokens: ${err.message}`);
      return sendJson(res, 503, { error: 'temporarily_unavailable' }, { 'Retry-After': '1' });
    }
    logger(`request failed: ${err instanceof Error ? err.message : String(err)}`);
    sendJson(res, 500, { error: 'server_error' });
  }

  return (req, res) => {
    handle(req, res).catch((err: unknown) => fail(res, err));
  };
}
