import { ErrorCode } from '@sso/profile';
import type { Config } from '../config/index.js';
import { bindingCookieName } from '../auth/binding.js';
import { sessionCookieName } from '../auth/session.js';
import { schemaRef } from './schemas.js';
import type { Header, JsonSchema, OpenApiDocument, Parameter, Reference, Response, SecurityRequirement } from './types.js';

/** `$ref` to a component that is not a schema. */
export const ref = (kind: 'responses' | 'parameters' | 'headers', name: string): Reference => ({ $ref: `#/components/${kind}/${name}` });

export const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

/** Security requirements: signed in, optionally signed in, or open. */
export const SIGNED_IN: SecurityRequirement[] = [{ session: [] }];
export const SESSION_OPTIONAL: SecurityRequirement[] = [{}, { session: [] }];
export const OPEN: SecurityRequirement[] = [];

/** Every answer under /auth/ and the proxied routes carries `Cache-Control: no-store` (middleware/security.ts). */
export const noStore = { 'Cache-Control': ref('headers', 'NoStore') };

/** An ApiError answer whose `error` is one of `codes`. */
export function apiError(description: string, codes: ErrorCode[], headers: Record<string, Header | Reference> = {}): Response {
  return {
    description,
    headers: { ...noStore, ...headers },
    content: json({ allOf: [schemaRef('ApiError'), { type: 'object', properties: { error: { enum: codes } } }] }),
  };
}

/** A JSON answer with a component schema. */
export function ok(description: string, schema: JsonSchema, headers: Record<string, Header | Reference> = {}): Response {
  return { description, headers: { ...noStore, ...headers }, content: json(schema) };
}

/** Seconds to wait before trying again; on every 503. */
export const retryAfterHeader: Header = { description: 'Seconds to wait before trying again.', required: true, schema: { type: 'string' } };

/** A path parameter. */
export function pathParam(name: string, description: string): Parameter {
  return { name, in: 'path', required: true, description, schema: { type: 'string' } };
}

/** The `#/components` other than schemas: shared answers, the CSRF header, cookies as security schemes. */
export function sharedComponents(config: Config): Omit<OpenApiDocument['components'], 'schemas'> {
  return {
    responses: {
      Unauthenticated: apiError('Not signed in (no session, or it ended): `unauthenticated`. Never a redirect.', [
        ErrorCode.Unauthenticated,
      ]),
      CsrfFailed: apiError(
        'Refused before anything happened: no `X-CSRF: 1` header, a foreign `Origin`, or `Sec-Fetch-Site: cross-site`: `csrf_failed`.',
        [ErrorCode.CsrfFailed],
      ),
      InternalError: apiError('Something failed on our side: `internal_error`. Details are in the server log, never here.', [
        ErrorCode.Internal,
      ]),
      RateLimited: apiError(
        'Too many requests of this kind from this client address (behind TRUST_PROXY, the address the proxy saw) in the current window, on all instances together: `rate_limited`. Nothing was done; try again after `Retry-After` seconds (RATE_LIMIT_LOGIN, RATE_LIMIT_CALLBACK, RATE_LIMIT_BACKCHANNEL).',
        [ErrorCode.RateLimited],
        { 'Retry-After': retryAfterHeader },
      ),
      StoreUnavailable: apiError(
        'The database cannot be reached right now: `store_unavailable`. Nothing was lost and the session is intact: try again after `Retry-After` seconds. Never a 401, so a client must not treat it as signed out.',
        [ErrorCode.StoreUnavailable],
        { 'Retry-After': retryAfterHeader },
      ),
    },
    parameters: {
      XCsrf: {
        name: 'X-CSRF',
        in: 'header',
        required: true,
        description:
          'Must be `1` on every state-changing call: a cross-site form cannot set it, and a cross-origin script needs a CORS preflight that only FRONTEND_ORIGINS pass. An `Origin` header, when sent, must be PUBLIC_URL or one of FRONTEND_ORIGINS.',
        schema: { type: 'string', const: '1' },
      },
      Provider: pathParam('provider', 'A configured provider id, as in `GET /auth/providers`.'),
    },
    headers: {
      NoStore: { description: 'API answers are per user and never cached.', required: true, schema: { type: 'string', const: 'no-store' } },
    },
    securitySchemes: {
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: sessionCookieName(config.secureCookies),
        description:
          'The session cookie set by the sign-in callback: HttpOnly, SameSite=Strict, signed (the signature travels in a companion `.sig` cookie); its value is a random id, the session lives on the server. Browsers send it by themselves.',
      },
      loginBinding: {
        type: 'apiKey',
        in: 'cookie',
        name: bindingCookieName(config.secureCookies),
        description:
          'Set by `GET /auth/login/{provider}` (SameSite=Lax) and required on the callback: it binds a login to the browser that started it.',
      },
    },
  };
}
