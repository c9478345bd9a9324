import { parseEndpoint } from './urls.js';

export interface ApiRoute {
  /** Path prefix on the BFF, e.g. /api/orders. */
  prefix: string;
  /** Where requests under the prefix go, with the rest of the path appended. */
  upstream: URL;
  /** Methods that are forwarded; anything else is refused with 405. */
  methods: string[];
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
const RESERVED = ['/auth', '/healthz'];

/**
 * API_ROUTES: `PREFIX=UPSTREAM[|METHOD,METHOD]` entries separated by `;` or new lines, e.g.
 * `/api/orders=https://orders.internal.example/v1|GET,POST`. Methods default to GET and HEAD.
 * Upstreams must be https (http only on loopback): the user's access token travels there.
 */
export function parseApiRoutes(value: string | undefined, problems: string[]): ApiRoute[] {
  if (!value) return [];
  const routes: ApiRoute[] = [];
  for (const entry of value.split(/[;\n]/).map((e) => e.trim()).filter(Boolean)) {
    const match = /^(\/[A-Za-z0-9/_-]*[A-Za-z0-9_-])\s*=\s*([^|\s]+)\s*(?:\|\s*([A-Za-z, ]+))?$/.exec(entry);
    if (!match) {
      problems.push(`API_ROUTES entry "${entry}" must look like /api/orders=https://orders.example/v1|GET,POST`);
      continue;
    }
    const [, prefix, upstreamText, methodsText] = match as unknown as [string, string, string, string | undefined];
    if (RESERVED.some((r) => prefix === r || prefix.startsWith(`${r}/`))) {
      problems.push(`API_ROUTES prefix ${prefix} is reserved for the BFF itself`);
      continue;
    }
    const upstream = parseEndpoint(`API_ROUTES upstream for ${prefix}`, upstreamText, problems);
    const methods = (methodsText ?? 'GET,HEAD').split(/[\s,]+/).filter(Boolean).map((m) => m.toUpperCase());
    const unknown = methods.filter((m) => !METHODS.has(m));
    if (unknown.length) problems.push(`API_ROUTES methods for ${prefix} must be among ${[...METHODS].join(', ')} (got ${unknown.join(', ')})`);
    if (routes.some((r) => r.prefix === prefix)) problems.push(`API_ROUTES names ${prefix} twice`);
    if (upstream) routes.push({ prefix, upstream, methods: [...new Set(methods)] });
  }
  return routes;
}
