import { parseEndpoint } from './urls.js';

export interface ApiRoute {
  /** Path prefix on the BFF, e.g. /api/orders. */
  prefix: string;
  /** Where requests under the prefix go, with the rest of the path appended. */
  upstream: URL;
  /** Methods that are forwarded; anything else is refused with 405. */
  methods: string[];
  /** Providers whose sessions may use the route (their access token goes upstream); null: any. */
  providers: string[] | null;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
// The BFF's own paths: a proxied route there would be shadowed by them (or shadow them).
const RESERVED = ['/auth', '/healthz', '/readyz'];

/**
 * API_ROUTES: `PREFIX=UPSTREAM[|METHOD,METHOD][|providers=ID,ID]` entries separated by `;` or new
 * lines, e.g. `/api/orders=https://orders.internal.example/v1|GET,POST|providers=oidc`. Methods
 * default to GET and HEAD; without a provider list every session's token may go there, which
 * `production` refuses: a GitHub or Facebook token must never reach an API by default.
 * Upstreams must be https (http only on loopback): the user's access token travels there.
 * `knownProviders` are the configured provider ids; a list naming another one is refused.
 */
export function parseApiRoutes(
  value: string | undefined,
  problems: string[],
  knownProviders: readonly string[] = [],
  options: { production?: boolean } = {},
): ApiRoute[] {
  if (!value) return [];
  const routes: ApiRoute[] = [];
  for (const entry of value
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match =
      /^(\/[A-Za-z0-9/_-]*[A-Za-z0-9_-])\s*=\s*([^|\s]+)\s*(?:\|\s*([A-Za-z, ]*))?\s*(?:\|\s*providers\s*=\s*([a-z0-9, -]+))?$/.exec(entry);
    if (!match) {
      problems.push(`API_ROUTES entry "${entry}" must look like /api/orders=https://orders.example/v1|GET,POST|providers=oidc`);
      continue;
    }
    const [, prefix, upstreamText, methodsText, providersText] = match as unknown as [
      string,
      string,
      string,
      string | undefined,
      string | undefined,
    ];
    if (RESERVED.some((r) => prefix === r || prefix.startsWith(`${r}/`))) {
      problems.push(`API_ROUTES prefix ${prefix} is reserved for the BFF itself`);
      continue;
    }
    const upstream = parseEndpoint(`API_ROUTES upstream for ${prefix}`, upstreamText, problems);
    const methods = (methodsText?.trim() || 'GET,HEAD')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((m) => m.toUpperCase());
    const unknown = methods.filter((m) => !METHODS.has(m));
    if (unknown.length)
      problems.push(`API_ROUTES methods for ${prefix} must be among ${[...METHODS].join(', ')} (got ${unknown.join(', ')})`);
    if (routes.some((r) => r.prefix === prefix)) problems.push(`API_ROUTES names ${prefix} twice`);
    const providers = providersText === undefined ? null : [...new Set(providersText.split(/[\s,]+/).filter(Boolean))];
    const unknownProviders = providers?.filter((id) => !knownProviders.includes(id)) ?? [];
    if (providers === null && options.production) {
      problems.push(
        `API_ROUTES route ${prefix} must name the providers whose access tokens it may receive (|providers=${knownProviders[0] ?? 'oidc'}) when NODE_ENV=production`,
      );
    }
    if (providers?.length === 0) problems.push(`API_ROUTES providers for ${prefix} must name at least one provider id`);
    if (unknownProviders.length) {
      problems.push(
        `API_ROUTES providers for ${prefix} must be configured provider ids (${knownProviders.join(', ') || 'none'}); got ${unknownProviders.join(', ')}`,
      );
    }
    if (upstream) routes.push({ prefix, upstream, methods: [...new Set(methods)], providers });
  }
  return routes;
}
