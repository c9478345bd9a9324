import Router from '@koa/router';

/** Liveness for load balancers and `pnpm dev` scripts. */
export function healthRoutes(): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  return router;
}
