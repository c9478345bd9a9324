import pkg from '../../package.json' with { type: 'json' };
import type { Config } from '../config/index.js';
import { accountPaths } from './accountPaths.js';
import { sharedComponents } from './components.js';
import { proxyPaths } from './proxyPaths.js';
import { componentSchemas } from './schemas.js';
import { serverPaths } from './serverPaths.js';
import { signInPaths } from './signInPaths.js';
import type { OpenApiDocument } from './types.js';

const DESCRIPTION = `The BFF’s HTTP API. The browser never sees a token: it holds an HttpOnly session cookie and calls this API on the same origin (or from a FRONTEND_ORIGINS origin, with credentials).

- Errors are JSON \`{ "error": <ErrorCode>, "message" }\` (ApiError); sign-in navigations instead redirect to \`/login?error=<code>\`.
- Answers under /auth/ and the proxied routes carry \`Cache-Control: no-store\`.
- State-changing calls need the header \`X-CSRF: 1\` and, when the browser sends one, an allowed \`Origin\`.
- The API only ever grows: new fields and codes may appear; nothing is renamed or removed.`;

/** Every operation of these paths reads or writes the store: each may answer 503 store_unavailable. */
const STORE_PATHS = [
  '/auth/me',
  '/auth/logout',
  '/auth/identities',
  '/auth/identities/{provider}/{subject}',
  '/auth/sessions',
  '/auth/sessions/{id}',
];

function withStoreUnavailable(paths: OpenApiDocument['paths']): OpenApiDocument['paths'] {
  for (const path of STORE_PATHS) {
    for (const operation of Object.values(paths[path] ?? {})) {
      const responses = (operation as { responses?: Record<string, unknown> }).responses;
      if (responses) responses['503'] ??= { $ref: '#/components/responses/StoreUnavailable' };
    }
  }
  return paths;
}

/**
 * The OpenAPI 3.1 document of the whole HTTP API for this configuration: servers, cookie names and
 * the proxied API_ROUTES come from `config`, every body schema from the zod schemas. Pure.
 */
export function buildOpenApi(config: Config): OpenApiDocument {
  return {
    openapi: '3.1.0',
    // OpenAPI 3.1's default dialect: JSON Schema draft 2020-12 (what zod generates) plus OAS keywords.
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: { title: 'SSO backend-for-frontend', version: pkg.version, description: DESCRIPTION },
    servers: [{ url: config.publicUrl.origin }],
    tags: [
      { name: 'sign-in', description: 'Browser navigations of the authorization code flow.' },
      { name: 'session', description: 'The signed-in user and sign-out.' },
      { name: 'identities', description: 'Connected accounts.' },
      { name: 'sessions', description: 'Signed-in devices.' },
      { name: 'back-channel', description: 'Provider to BFF, server to server.' },
      { name: 'api-proxy', description: 'API_ROUTES: calls forwarded to upstream APIs with the user’s access token.' },
      { name: 'meta', description: 'This document and liveness.' },
    ],
    paths: withStoreUnavailable({
      ...signInPaths(),
      ...accountPaths(),
      ...serverPaths(),
      ...proxyPaths(config.apiRoutes, config.apiBodyLimit),
    }),
    components: { schemas: componentSchemas(), ...sharedComponents(config) },
  };
}
