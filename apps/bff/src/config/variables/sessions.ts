import { z } from 'zod';
import { PROVIDER_RESPONSE_LIMIT } from '../../providers/http.js';
import { DEFAULT_API_BODY_LIMIT } from '../apiBodyLimit.js';
import { DEV_API_ROUTE, DEV_FRONTEND_ORIGIN } from '../defaults.js';
import { bytesText, docs, seconds, text } from './registry.js';

/** Sessions, sign-in and sign-out, and the calls to providers. */
export const sessionVariables = {
  SESSION_SECRET: text().register(docs, {
    section: 'sessions',
    defaultText: 'dev: a fixed, announced dev secret',
    requiredInProduction: true,
    secret: true,
    description:
      'Signs the session cookie and encrypts the provider tokens stored with each session (AES-256-GCM, keys derived with HKDF at start-up); at least 32 characters (`openssl rand -base64 48`). A comma-separated list rotates it: the first signs and encrypts, every one verifies and decrypts. To rotate, put a new secret first and keep the old one (nobody is signed out); remove the old one once the sessions it protected have expired (at most `SESSION_LIFETIME` later), or earlier to end them.',
  }),
  SESSION_LIFETIME: seconds(8 * 60 * 60).register(docs, {
    section: 'sessions',
    defaultNote: '8 h',
    description: 'Absolute session lifetime, seconds.',
  }),
  SESSION_IDLE_TIMEOUT: seconds(2 * 60 * 60).register(docs, {
    section: 'sessions',
    defaultNote: '2 h',
    description: 'A session unused this long ends (seconds; at most `SESSION_LIFETIME`).',
  }),
  LOGIN_TIMEOUT: seconds(10 * 60).register(docs, {
    section: 'sessions',
    description: 'Seconds a started sign-in may take until the provider sends the user back.',
  }),
  LOGOUT_AT_PROVIDER: z.enum(['true', 'false', '1', '0']).default('true').register(docs, {
    section: 'sessions',
    description:
      "Sign-out continues to the provider's end-session endpoint where there is one. Register `PUBLIC_URL/auth/logged-out` as post-logout redirect URI (every sign-out comes back there with a signed, short-lived `state`, then goes on to `/login` or the `returnTo`; keep `PUBLIC_URL/login` registered too if an older version used it) and `PUBLIC_URL/auth/backchannel-logout/<id>` as back-channel logout URI. The ID token goes to the provider only in the body of a form POST from `PUBLIC_URL/auth/end-session` (RP-Initiated Logout 1.0 §2 requires providers to accept POST), never in a URL.",
  }),
  PROVIDER_TIMEOUT: z.coerce
    .number()
    .min(0.1, 'must be at least 0.1 seconds')
    .max(120, 'must be at most 120 seconds')
    .default(10)
    .register(docs, {
      section: 'sessions',
      description:
        'Seconds (0.1 to 120) each HTTP call to a provider (discovery, token, userinfo, APIs) may take; then `provider_unavailable` (503 with `Retry-After`).',
    }),
  PROVIDER_RESPONSE_LIMIT: text().register(docs, {
    section: 'sessions',
    default: bytesText(PROVIDER_RESPONSE_LIMIT),
    description:
      'The largest answer read from a provider (discovery, token, userinfo, JWKS, logout-token keys, Graph and GitHub API), in bytes or with a `kb` / `mb` suffix, 16kb to 64mb. A larger one is abandoned mid-stream and refused with `invalid_provider_response`.',
  }),
};

/** Frontends other than the SPA, and the token-handler API proxy. */
export const frontendVariables = {
  FRONTEND_ORIGINS: text().register(docs, {
    section: 'frontends',
    defaultText: `dev: \`${DEV_FRONTEND_ORIGIN}\` (apps/example-vanilla)`,
    description:
      "Origins of other frontends that use this BFF, comma-separated: they get CORS with credentials and may be a sign-in's `returnTo`. They must be on the same site as `PUBLIC_URL` (the session cookie is `SameSite=Strict`).",
    example: 'https://admin.example.com',
  }),
  API_ROUTES: text().register(docs, {
    section: 'frontends',
    defaultText: `dev: \`${DEV_API_ROUTE}\` (apps/demo-api, for dev IdP sessions)`,
    description:
      "The token-handler proxy: `PREFIX=UPSTREAM[|METHODS][|providers=ID,…]` entries separated by `;` (upstreams https unless loopback). Calls under `PREFIX` are forwarded with the user's access token (refreshed when needed); methods default to `GET,HEAD`. With `providers=`, only sessions signed in with those providers may use the route (their access token goes upstream); others get `403 provider_not_allowed`, so a GitHub or Facebook token never reaches an API that cannot use it. With `NODE_ENV=production` every route must have a `providers=` list: one without stops the start with a message naming `API_ROUTES` and the route (in development and tests a route without one takes any provider's session).",
    example: '/api/orders=https://orders.internal.example/v1|GET,POST|providers=oidc',
  }),
  API_BODY_LIMIT: text().register(docs, {
    section: 'frontends',
    default: bytesText(DEFAULT_API_BODY_LIMIT),
    description:
      'The largest request body the API proxy forwards: bytes, or with a `kb` / `mb` suffix (`512kb`, `5mb`; 1kb = 1024 bytes). Bodies are streamed, never buffered whole; a larger one gets `413 payload_too_large`.',
  }),
};
