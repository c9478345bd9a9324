import type Router from '@koa/router';
import type { Deps } from '../deps.js';
import { buildOpenApi } from '../openapi/document.js';

/** `GET /auth/openapi.json`: the OpenAPI 3.1 document of this BFF's HTTP API, built once at start-up. */
export function openApiRoutes(router: Router, deps: Deps): void {
  const body = JSON.stringify(buildOpenApi(deps.config));
  router.get('/auth/openapi.json', (ctx) => {
    ctx.type = 'application/json';
    ctx.body = body;
  });
}
