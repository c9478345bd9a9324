import { OPEN, ok, ref } from './components.js';
import { BackchannelLogoutRequestSchema, requestSchema, schemaRef } from './schemas.js';
import type { Paths } from './types.js';

/** Calls from servers and tools rather than from a frontend: back-channel logout, this document, liveness. */
export function serverPaths(): Paths {
  return {
    '/auth/backchannel-logout/{provider}': {
      parameters: [ref('parameters', 'Provider')],
      post: {
        operationId: 'backchannelLogout',
        summary: 'Back-channel logout from a provider (server to server)',
        description:
          'OpenID Connect Back-Channel Logout 1.0: the provider POSTs a signed logout token when the user signs out there, and the sessions it names (by `sid`, else by `sub`) end here. No cookies and no X-CSRF: the token’s signature is the authentication. Errors follow that spec (OAuth 2.0 `error` / `error_description`), not ApiError.',
        tags: ['back-channel'],
        security: OPEN,
        requestBody: {
          required: true,
          content: { 'application/x-www-form-urlencoded': { schema: requestSchema(BackchannelLogoutRequestSchema) } },
        },
        responses: {
          '200': ok('The token was valid; `ended` sessions ended (possibly 0).', schemaRef('BackchannelLogoutResult')),
          '400': ok(
            'Unknown provider or one without back-channel logout, no form body or no `logout_token`, or a token that is not valid (signature, issuer, audience, events, replay).',
            schemaRef('BackchannelLogoutError'),
          ),
          '500': ref('responses', 'InternalError'),
        },
      },
    },
    '/auth/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        summary: 'This document',
        description: 'Built at start-up from the configuration (servers, cookie names, API_ROUTES) and the shared zod schemas.',
        tags: ['meta'],
        security: OPEN,
        responses: {
          '200': ok('OpenAPI 3.1.0.', {
            type: 'object',
            required: ['openapi', 'info', 'paths', 'components'],
            properties: { openapi: { const: '3.1.0' }, info: { type: 'object' }, paths: { type: 'object' }, components: { type: 'object' } },
          }),
          '500': ref('responses', 'InternalError'),
        },
      },
    },
    '/healthz': {
      get: {
        operationId: 'health',
        summary: 'Liveness',
        description: 'For load balancers; outside /auth/, so no session and no `Cache-Control: no-store`.',
        tags: ['meta'],
        security: OPEN,
        responses: { '200': { description: 'Up.', content: { 'application/json': { schema: schemaRef('Health') } } } },
      },
    },
  };
}

