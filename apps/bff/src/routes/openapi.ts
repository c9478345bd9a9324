import type { Deps } from '../deps.js';
import { buildOpenApi } from '../openapi/document.js';
import type { RouteTable } from './table.js';

/** `GET /auth/openapi.json`: the OpenAPI 3.1 document of this BFF's HTTP API, built once at start-up. */
export function openApiRoutes(routes: RouteTable, deps: Deps): void {
  const body = JSON.stringify(buildOpenApi(deps.config));
  routes.get('/auth/openapi.json', 'api', (ctx) => {
    ctx.type = 'application/json';
    ctx.body = body;
  });
}
