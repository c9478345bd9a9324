import { Readable } from 'node:stream';
import type { Context, Middleware } from 'koa';
import type { ApiRoute } from '../config/index.js';
import type { Deps } from '../deps.js';
import { AppError, ErrorCode } from '../errors.js';
import { requireSession, sessionTokensRef } from '../auth/sessionMiddleware.js';
import type { TokenRefresher } from '../auth/tokenRefresh.js';
import { limitedBody } from '../proxy/body.js';
import { upstreamUrl } from '../proxy/path.js';
import { passResponseHeaders } from '../proxy/response.js';
import type { RouteTable } from './table.js';

const UPSTREAM_TIMEOUT_MS = 30_000;
/** Request headers that reach the upstream. Cookies, our X-CSRF and any Authorization never do. */
const FORWARD_REQUEST = [
  'accept',
  'accept-language',
  'content-type',
  'if-match',
  'if-none-match',
  'if-modified-since',
  'if-unmodified-since',
  'user-agent',
];

/** The route for a path, matching whole segments only (/api/demo does not match /api/demolition). */
export function matchRoute(routes: readonly ApiRoute[], path: string): ApiRoute | undefined {
  return routes.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`));
}

/** Whether sessions of `provider` may use `route`. */
export function routeAllows(route: ApiRoute, provider: string): boolean {
  return route.providers === null || route.providers.includes(provider);
}

/** A body the client announced as larger than `limit` is refused before anything is sent upstream. */
function checkDeclaredLength(ctx: Context, limit: number): void {
  const length = ctx.request.length;
  if (length !== undefined && length > limit) throw tooLarge(ctx, limit);
}

function tooLarge(ctx: Context, limit: number): AppError {
  // The rest of the body is never read: close the connection rather than drain it.
  ctx.set('Connection', 'close');
  return new AppError(ErrorCode.PayloadTooLarge, { detail: `${ctx.method} ${ctx.path}: body over API_BODY_LIMIT (${limit} bytes)` });
}

/**
 * The token-handler pattern: calls under an API_ROUTES prefix are forwarded to the configured
 * upstream with the signed-in user's access token (refreshed first when needed). The browser never
 * sees the token; the upstream never sees our cookies. The prefixes are `api` routes in the route
 * table, so the session, CORS and CSRF steps run before this as for /auth/ (app.ts).
 */
export function apiProxy(routes: RouteTable, deps: Deps, refresher: TokenRefresher): Middleware {
  const { config, providers } = deps;
  for (const route of config.apiRoutes) routes.prefix(route.prefix, 'api');
  // `/api/…` looks like an API even where no route is configured: a JSON 404, not the SPA.
  if (!config.apiRoutes.some((route) => route.prefix === '/api')) routes.prefix('/api', 'public');
  // The BFF's own `api` paths (/auth/me…) pass through here: they cost a match and nothing more.
  return (ctx, next) => {
    const route = matchRoute(config.apiRoutes, ctx.path);
    return route ? proxyTo(ctx, route) : next();
  };

  async function proxyTo(ctx: Context, route: ApiRoute): Promise<void> {
    ctx.set('Cache-Control', 'no-store');
    if (!route.methods.includes(ctx.method)) {
      ctx.set('Allow', route.methods.join(', '));
      throw new AppError(ErrorCode.MethodNotAllowed, { detail: `${ctx.method} ${route.prefix}` });
    }
    const session = requireSession(ctx);
    const provider = providers.get(session.provider);
    if (!provider) throw new AppError(ErrorCode.Unauthenticated, { detail: 'the session’s provider is no longer configured' });
    // A third party's token (GitHub, Facebook…) goes only to upstreams that were told to expect it.
    if (!routeAllows(route, session.provider)) {
      throw new AppError(ErrorCode.ProviderNotAllowed, { detail: `${route.prefix} does not take ${session.provider} tokens` });
    }
    // Both refusals come before the token refresh: nothing leaves for the provider or the upstream.
    const target = upstreamUrl(route, ctx.path.slice(route.prefix.length), ctx.search);
    const hasBody = !['GET', 'HEAD'].includes(ctx.method);
    if (hasBody) checkDeclaredLength(ctx, config.apiBodyLimit);

    let tokens = session.tokens;
    // Where the store keeps these tokens (set when the session was loaded): a refresh replaces them there.
    const ref = sessionTokensRef(ctx);
    if (!tokens || !ref) throw new AppError(ErrorCode.Unauthenticated, { detail: 'the session holds no provider tokens' });
    try {
      tokens = await refresher.fresh(tokens, provider, ref, ctx.log);
    } catch (err) {
      // A refresh that fails ends the session cleanly: the browser gets a plain 401.
      if ((err as AppError).code === ErrorCode.Unauthenticated) {
        ctx.session = null;
        deps.metrics.sessionEnded('refresh_failed');
      }
      throw err;
    }
    if (tokens !== session.tokens) session.tokens = tokens;

    const headers = new Headers();
    for (const name of FORWARD_REQUEST) {
      const value = ctx.get(name);
      if (value) headers.set(name, value);
    }
    headers.set('authorization', `Bearer ${tokens.accessToken}`);
    // The same id in the upstream's logs as in ours.
    if (typeof ctx.state.requestId === 'string') headers.set('x-request-id', ctx.state.requestId);
    // A chunked body announces no size: it is counted as it streams through.
    const body = hasBody ? limitedBody(ctx.req, config.apiBodyLimit) : undefined;

    let upstream: Response;
    try {
      const init: RequestInit & { duplex?: 'half' } = {
        method: ctx.method,
        headers,
        body: body?.stream as RequestInit['body'],
        // Node's fetch needs this for a streamed request body.
        duplex: hasBody ? 'half' : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
      };
      upstream = await fetch(target, init);
    } catch (err) {
      if (body?.exceeded()) throw tooLarge(ctx, config.apiBodyLimit);
      throw new AppError(ErrorCode.UpstreamUnavailable, { detail: `${route.prefix}: upstream unreachable`, cause: err });
    }
    ctx.status = upstream.status;
    passResponseHeaders(ctx, upstream, target, route);
    // The cast is for the e2e project, which type-checks this file under the DOM's ReadableStream.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed under the DOM lib (above)
    ctx.body = upstream.body ? Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream) : null;
    if (upstream.status === 401) ctx.log.info({ route: route.prefix }, 'upstream refused the access token');
  }
}
