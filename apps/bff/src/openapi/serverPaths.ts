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
          '429': ref('responses', 'RateLimited'),
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
            properties: {
              openapi: { const: '3.1.0' },
              info: { type: 'object' },
              paths: { type: 'object' },
              components: { type: 'object' },
            },
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
    '/readyz': {
      get: {
        operationId: 'ready',
        summary: 'Readiness',
        description:
          'For load balancers: 200 when the store answers (within 2 s) and its schema is this build’s, else 503 with `Retry-After`. Providers are reported (`ok`, `unknown` until first used, `down` after a failed discovery) but never make the instance unready.',
        tags: ['meta'],
        security: OPEN,
        responses: {
          '200': { description: 'Ready.', content: { 'application/json': { schema: READINESS } } },
          '503': {
            description: 'Not ready: the store did not answer, or its schema is not this build’s.',
            headers: { 'Retry-After': { description: 'Seconds.', required: true, schema: { type: 'string' } } },
            content: { 'application/json': { schema: READINESS } },
          },
        },
      },
    },
  };
}

const CHECK = {
  type: 'object',
  required: ['status'],
  properties: { status: { enum: ['ok', 'fail', 'unknown', 'down'] }, detail: { type: 'string' }, schemaVersion: { type: 'integer' } },
  additionalProperties: false,
} as const;

/** The body of `/readyz`, ready or not. */
const READINESS = {
  type: 'object',
  required: ['status', 'checks'],
  additionalProperties: false,
  properties: {
    status: { enum: ['ready', 'not_ready'] },
    checks: {
      type: 'object',
      required: ['store', 'providers'],
      additionalProperties: false,
      properties: { store: CHECK, providers: { type: 'object', additionalProperties: CHECK } },
    },
  },
} as const;
