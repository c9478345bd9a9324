import Router from '@koa/router';
import compose from 'koa-compose';
import Koa, { type Middleware } from 'koa';
import type { Deps } from './deps.js';
import { sessionMiddleware } from './auth/sessionMiddleware.js';
import { sessionTiming } from './config/index.js';
import { cors } from './middleware/cors.js';
import { requireCsrfHeader } from './middleware/csrf.js';
import { errorHandler } from './middleware/errors.js';
import { requestId } from './middleware/requestId.js';
import { rateLimiter } from './middleware/rateLimit.js';
import { requestLog } from './middleware/requestLog.js';
import { noStore, securityHeaders } from './middleware/security.js';
import { serveSpa } from './middleware/spa.js';
import { httpMetrics } from './metrics/httpMetrics.js';
import { apiProxy } from './routes/apiProxy.js';
import { authRoutes } from './routes/auth.js';
import { TokenRefresher } from './auth/tokenRefresh.js';
import { TokenCipher } from './auth/tokenCipher.js';
import { backchannelRoutes } from './routes/backchannel.js';
import { healthRoutes } from './routes/health.js';
import { identityRoutes } from './routes/identities.js';
import { openApiRoutes } from './routes/openapi.js';
import { endSessionRoutes } from './routes/endSession.js';
import { sessionRoutes } from './routes/session.js';
import { sessionListRoutes } from './routes/sessions.js';

export interface AppOptions {
  /** Directory of the built SPA to serve (production); omitted in development, where Vite serves it. */
  webDist?: string | undefined;
}

/** Errors that mean the client closed the connection, not that something failed. */
const CLIENT_GONE = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** The BFF's own health endpoints (routes/health.ts). */
const HEALTH_PATHS = new Set(['/healthz', '/readyz']);

/** Runs `middleware` except for paths under `prefix`. */
function unless(prefix: string, middleware: Middleware): Middleware {
  return (ctx, next) => (ctx.path.startsWith(prefix) ? next() : middleware(ctx, next));
}

/** Builds the Koa app. No side effects: nothing listens, nothing is read from the environment. */
export function createApp(deps: Deps, options: AppOptions = {}): Koa {
  const { config, logger } = deps;
  // Behind TRUST_PROXY, ctx.ip is the last X-Forwarded-For entry: the address our proxy saw. The
  // entries before it are whatever the client sent, and a rate limit keyed on them would be escaped.
  const app = new Koa({ proxy: config.trustProxy, maxIpsCount: 1 });
  // Keygrip verifies session cookies of the previous two-cookie format (auth/sessionMiddleware.ts).
  app.keys = config.sessionSecrets;
  app.on('error', (err: unknown) => {
    const summary = { name: (err as Error)?.name, message: (err as Error)?.message };
    // The browser went away mid-answer (a reload while a file streams): nothing failed here.
    if (CLIENT_GONE.has((err as { code?: string })?.code ?? '')) logger.debug({ err: summary }, 'client closed the connection');
    else logger.error({ err: summary }, 'server error');
  });

  const https = config.secureCookies;
  const imageOrigins = [...new Set(deps.providers.list.flatMap((p) => p.imageOrigins))];

  // Paths the session, CORS and CSRF rules cover: the API and the proxied API routes.
  const prefixes = ['/auth/', ...config.apiRoutes.map((r) => r.prefix)];
  const isApiPath = (path: string) =>
    prefixes.some((p) => path.startsWith(p) && (p.endsWith('/') || path === p || path[p.length] === '/'));
  // Keys derived once here, at start-up, never per request.
  const cipher = new TokenCipher(config.sessionSecrets);
  // One limiter for every limited route: its counters are in the store, its outage log is one.
  const limit = rateLimiter({ rateLimits: config.rateLimits, store: deps.store, logger, now: deps.now });
  const refresher = new TokenRefresher({ now: deps.now, logger, store: deps.store, cipher, providerTimeoutMs: config.providerTimeoutMs,
    onOutcome: (outcome) => deps.metrics.refresh(outcome),
  });

  // One router for every route: a request is matched once, not once per route file.
  const router = new Router();
  healthRoutes(router, deps);
  authRoutes(router, deps, limit);
  sessionRoutes(router, deps, cipher);
  endSessionRoutes(router, deps, cipher);
  identityRoutes(router, deps);
  sessionListRoutes(router, deps);
  backchannelRoutes(router, deps, limit);
  openApiRoutes(router, deps);
  const matched = router.routes() as unknown as Middleware;

  // The API and the proxied API routes: CORS, no caching, the session and the CSRF check.
  const api = compose([
    // The end-session page holds the ID token: no other origin may read it, allowed or not.
    unless('/auth/end-session', cors(config.frontendOrigins)),
    noStore,
    sessionMiddleware({ context: app.context, store: deps.store, secure: https, timing: sessionTiming(config), now: deps.now, cipher, secrets: config.sessionSecrets }),
    // Back-channel logout is server to server and authenticated by its signed token instead.
    unless('/auth/backchannel-logout/', requireCsrfHeader([config.publicUrl.origin, ...config.frontendOrigins])),
    apiProxy(deps, refresher),
    matched,
  ]);
  // Everything else: the health endpoints, the built SPA's files and pages, and the JSON 404.
  const other = compose([
    ...(options.webDist
      ? serveSpa(options.webDist, {
          // `/api/…` looks like an API even where no route is configured: a JSON 404, not the SPA.
          isApiPath: (path) => HEALTH_PATHS.has(path) || path === '/api' || path.startsWith('/api/'),
        })
      : []),
    matched,
  ]);

  const pipeline: Middleware[] = [
    requestId(app, logger),
    // Outside the error handler, so that each line carries the status the client received.
    requestLog(deps.accessLog),
    // Likewise outside: each observation carries the final status and the matched route.
    // Measured only when something can scrape it (METRICS_PORT): otherwise it is pure cost.
    ...(config.metrics ? [httpMetrics(deps.metrics, { apiRoutes: config.apiRoutes })] : []),
    errorHandler(logger, { now: deps.now }),
    securityHeaders({ https, imageOrigins }),
    (ctx, next) => {
      // The browser sees PUBLIC_URL; with https there, cookies must be Secure even when TLS ends
      // at a proxy in front of us.
      if (https) ctx.cookies.secure = true;
      return isApiPath(ctx.path) ? api(ctx, next) : other(ctx, next);
    },
  ];
  for (const middleware of pipeline) app.use(middleware);
  return app;
}
