import compose from 'koa-compose';
import Koa, { type Context, type Middleware, type Next } from 'koa';
import type { Deps } from './deps.js';
import { sessionMiddleware } from './auth/sessionMiddleware.js';
import { sessionTiming } from './config/index.js';
import { cors } from './middleware/cors.js';
import { requireCsrfHeader } from './middleware/csrf.js';
import { errorHandler } from './middleware/errors.js';
import { requestId } from './middleware/requestId.js';
import { rateLimiter } from './middleware/rateLimit.js';
import { requestLog } from './middleware/requestLog.js';
import { NO_STORE, securityHeaders, setHeaders, type HeaderList } from './middleware/security.js';
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
import { logoutRoutes } from './routes/logout.js';
import { meRoutes } from './routes/me.js';
import { deviceRoutes } from './routes/devices.js';
import { POLICIES, RouteTable, type RouteKind } from './routes/table.js';

export interface AppOptions {
  /** Directory of the built SPA to serve (production); omitted in development, where Vite serves it. */
  webDist?: string | undefined;
}

/** Errors that mean the client closed the connection, not that something failed. */
const CLIENT_GONE = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

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
  // Every answer's headers by the route's kind, set before its route runs so that errors carry
  // them too: the security set (a document's or JSON's) and, where the kind asks, no-store.
  const security = securityHeaders({ https, imageOrigins });
  const headersOf = {} as Record<RouteKind, HeaderList>;
  for (const kind of Object.keys(POLICIES) as RouteKind[]) {
    const policy = POLICIES[kind];
    headersOf[kind] = [...security[policy.document ? 'document' : 'json'], ...(policy.noStore ? NO_STORE : [])];
  }

  // Keys derived once here, at start-up, never per request.
  const cipher = new TokenCipher(config.sessionSecrets);
  // One limiter for every limited route: its counters are in the store, its outage log is one.
  const limit = rateLimiter({ rateLimits: config.rateLimits, store: deps.store, logger, now: deps.now });
  const refresher = new TokenRefresher({
    now: deps.now,
    logger,
    store: deps.store,
    cipher,
    providerTimeoutMs: config.providerTimeoutMs,
    onOutcome: (outcome) => deps.metrics.refresh(outcome),
  });

  // Every route, each declared with its kind where it is defined (routes/table.ts); one router,
  // so a request is matched once, not once per route file.
  const routes = new RouteTable();
  healthRoutes(routes, deps);
  authRoutes(routes, deps, limit);
  meRoutes(routes, deps);
  logoutRoutes(routes, deps, cipher);
  endSessionRoutes(routes, deps, cipher);
  identityRoutes(routes, deps);
  deviceRoutes(routes, deps);
  backchannelRoutes(routes, deps, limit);
  openApiRoutes(routes, deps);
  const proxy = apiProxy(routes, deps, refresher);
  const matched = routes.routes();

  // The steps around a route, by what its kind's policy asks for, composed once per kind here.
  const corsStep = cors(config.frontendOrigins);
  const session = sessionMiddleware({
    context: app.context,
    store: deps.store,
    secure: https,
    timing: sessionTiming(config),
    now: deps.now,
    cipher,
    secrets: config.sessionSecrets,
  });
  const csrf = requireCsrfHeader([config.publicUrl.origin, ...config.frontendOrigins]);
  const chains = {} as Record<RouteKind, (ctx: Context, next: Next) => Promise<void>>;
  for (const kind of Object.keys(POLICIES) as RouteKind[]) {
    const policy = POLICIES[kind];
    chains[kind] = compose([
      ...(policy.cors ? [corsStep] : []),
      ...(policy.session ? [session] : []),
      ...(policy.csrf ? [csrf] : []),
      // The proxied API routes are `api` paths with no router route: the proxy answers them.
      ...(kind === 'api' ? [proxy] : []),
      matched,
    ]);
  }
  // A path no route declares: the built SPA's files and pages, else the JSON 404. The SPA never
  // sees the BFF's own paths, so they never cost a file lookup.
  const unrouted = compose([...(options.webDist ? serveSpa(options.webDist) : []), matched]);

  const pipeline: Middleware[] = [
    requestId(app, logger),
    // Outside the error handler, so that each line carries the status the client received.
    requestLog(deps.accessLog),
    // Likewise outside: each observation carries the final status and the matched route.
    // Measured only when something can scrape it (METRICS_PORT): otherwise it is pure cost.
    ...(config.metrics ? [httpMetrics(deps.metrics, { apiRoutes: config.apiRoutes })] : []),
    errorHandler(logger, { routes, now: deps.now }),
    (ctx, next) => {
      // The browser sees PUBLIC_URL; with https there, cookies must be Secure even when TLS ends
      // at a proxy in front of us.
      if (https) ctx.cookies.secure = true;
      // The path's kind, looked up once (a Map, or a few prefixes): no per-request closure.
      const kind = routes.kindOf(ctx.path);
      // The SPA's paths are documents.
      setHeaders(ctx.res, kind === undefined ? security.document : headersOf[kind]);
      return (kind === undefined ? unrouted : chains[kind])(ctx, next);
    },
  ];
  for (const middleware of pipeline) app.use(middleware);
  return app;
}
