import type { Deps } from '../deps.js';
import { describeError } from '../logger.js';
import type { RouteTable } from './table.js';

/** How long the store may take to answer a readiness check before the instance counts as not ready. */
const STORE_CHECK_MS = 2_000;

/**
 * `/healthz`: liveness, no dependencies. `/readyz`: whether this instance should get traffic: the
 * store answers and its schema is this build's. Providers are reported but never make it unready:
 * one provider that is down must not take every instance out of the load balancer.
 */
export function healthRoutes(routes: RouteTable, deps: Deps): void {
  // Serialised once. A string body also keeps Koa from checking for a fetch Response, which would
  // load the fetch machinery into a process that has just started and only needs to say it lives.
  const alive = JSON.stringify({ status: 'ok' });
  routes.get('/healthz', 'public', (ctx) => {
    ctx.type = 'json';
    ctx.body = alive;
  });
  routes.get('/readyz', 'public', async (ctx) => {
    const store = await Promise.race([
      deps.store.check().then(
        ({ schemaVersion, expectedVersion }) =>
          schemaVersion === expectedVersion
            ? { status: 'ok' as const, schemaVersion }
            : { status: 'fail' as const, detail: `schema version ${schemaVersion}, this build needs ${expectedVersion}` },
        (err: unknown) => {
          deps.logger.warn({ failure: describeError(err) }, 'readiness: the store did not answer');
          return { status: 'fail' as const, detail: 'the database did not answer' };
        },
      ),
      new Promise<{ status: 'fail'; detail: string }>((resolve) =>
        setTimeout(() => resolve({ status: 'fail', detail: `no answer within ${STORE_CHECK_MS} ms` }), STORE_CHECK_MS).unref(),
      ),
    ]);
    const providers = Object.fromEntries(deps.providers.list.map((p) => [p.id, p.health?.() ?? { status: 'unknown' as const }]));
    const ready = store.status === 'ok';
    ctx.set('Cache-Control', 'no-store');
    if (!ready) ctx.set('Retry-After', '5');
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'not_ready', checks: { store, providers } };
  });
}
