import type { Deps } from '../deps.js';
import { buildOpenApi } from '../openapi/document.js';
import type { RouteTable } from './table.js';

/**
 * `GET /auth/openapi.json`: the OpenAPI 3.1 document of this BFF's HTTP API, built at the first
 * request and kept (it depends on the configuration only). Not at start-up: turning the zod
 * schemas into JSON Schema was about 2 % of a start-up, for a document few instances are asked for.
 */
export function openApiRoutes(routes: RouteTable, deps: Deps): void {
  let body: string | undefined;
  routes.get('/auth/openapi.json', 'api', (ctx) => {
    ctx.type = 'application/json';
    ctx.body = body ??= JSON.stringify(buildOpenApi(deps.config));
  });
}
