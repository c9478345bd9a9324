import { ErrorCode } from '@sso/profile';
import { OPEN, SESSION_OPTIONAL, noStore, ok, ref } from './components.js';
import { schemaRef } from './schemas.js';
import type { Header, Paths } from './types.js';

const location = (description: string): Header => ({ description, required: true, schema: { type: 'string', minLength: 1 } });
const setCookie: Header = { description: 'The cookies this step sets or clears.', schema: { type: 'string' } };

/** The sign-in codes `/login?error=<code>` can carry after a failed callback (routes/auth.ts, providers/errors.ts). */
const CALLBACK_FAILURES: ErrorCode[] = [
  ErrorCode.AccessDenied,
  ErrorCode.InvalidState,
  ErrorCode.LoginReplayed,
  ErrorCode.LoginExpired,
  ErrorCode.LoginCookieMissing,
  ErrorCode.ProviderMismatch,
  ErrorCode.ProviderError,
  ErrorCode.ProviderUnavailable,
  ErrorCode.InvalidResponse,
  ErrorCode.UnknownProvider,
  ErrorCode.IdentityInUse,
  ErrorCode.RateLimited,
  ErrorCode.Internal,
];
const codes = (list: ErrorCode[]) => list.map((c) => `\`${c}\``).join(', ');

/** Sign-in: the provider list, the redirect to a provider and its redirect back (routes/auth.ts). */
export function signInPaths(): Paths {
  return {
    '/auth/providers': {
      get: {
        operationId: 'listProviders',
        summary: 'The sign-in buttons',
        tags: ['sign-in'],
        security: OPEN,
        responses: {
          '200': ok('The enabled providers in the configured order (PROVIDER_ORDER).', schemaRef('ProviderList')),
          '500': ref('responses', 'InternalError'),
        },
      },
    },
    '/auth/login/{provider}': {
      parameters: [ref('parameters', 'Provider')],
      get: {
        operationId: 'startLogin',
        summary: 'Start signing in (a browser navigation)',
        description:
          'Starts the authorization code flow (PKCE, state, nonce) and sends the browser to the provider. With `intent=link` and a session it connects another account to the signed-in user instead; without a session that is a plain sign-in. For a browser navigation every failure is a redirect to `/login?error=<code>`; a client that asks for JSON (`Accept: application/json`) gets refusals as JSON instead.',
        tags: ['sign-in'],
        security: SESSION_OPTIONAL,
        parameters: [
          {
            name: 'returnTo',
            in: 'query',
            description:
              'Where to go after the callback: a path on this app, or a URL on one of FRONTEND_ORIGINS. Anything else (another origin, `//host`, a path under `/auth/`) becomes `/`. Default `/`, or `/profile` with `intent=link`.',
            schema: { type: 'string', maxLength: 2048 },
          },
          {
            name: 'intent',
            in: 'query',
            description: '`link`: connect another account (only with a session).',
            schema: { type: 'string', enum: ['link'] },
          },
        ],
        responses: {
          '302': {
            description: `To the provider's authorization endpoint, setting the login binding cookie; or, when the provider is unknown or cannot be reached, or too many sign-ins came from this address, to \`/login?error=<code>\` (${codes([ErrorCode.UnknownProvider, ErrorCode.ProviderUnavailable, ErrorCode.InvalidResponse, ErrorCode.RateLimited, ErrorCode.Internal])}).`,
            headers: {
              ...noStore,
              Location: location('The provider’s authorization URL, or `/login?error=<code>`.'),
              'Set-Cookie': setCookie,
            },
          },
          '429': ref('responses', 'RateLimited'),
        },
      },
    },
    '/auth/callback/{provider}': {
      parameters: [ref('parameters', 'Provider')],
      get: {
        operationId: 'finishLogin',
        summary: 'The provider’s redirect back (a browser navigation)',
        description:
          'Checks state, the login binding cookie, single use, expiry and the provider (RFC 9700 §4.4) before any token request, then validates what the provider sends. Success creates a new session (a new id) or, for `intent=link`, connects the account. Never a 500; for a browser navigation every failure is a redirect with a code, and a client that asks for JSON gets refusals as JSON.',
        tags: ['sign-in'],
        security: [{ loginBinding: [] }],
        parameters: [
          { name: 'code', in: 'query', description: 'The authorization code.', schema: { type: 'string' } },
          { name: 'state', in: 'query', description: 'The state of the login this answers.', schema: { type: 'string' } },
          { name: 'iss', in: 'query', description: 'RFC 9207: the issuer, checked when sent.', schema: { type: 'string' } },
          { name: 'error', in: 'query', description: 'The provider’s refusal (e.g. `access_denied`).', schema: { type: 'string' } },
          {
            name: 'error_description',
            in: 'query',
            description: 'Not shown to the user; the code is what counts.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '302': {
            description: `Signed in: to \`returnTo\` with the new session cookie. Account connected: to \`returnTo?linked=<provider>\`. Connecting failed: to \`returnTo?error=<code>\`. A used callback revisited by the browser that finished it and is still signed in (the Back button): to that sign-in's \`returnTo\`, nothing redeemed or created. Any other failure: to \`/login?error=<code>\` and no session. Codes: ${codes(CALLBACK_FAILURES)}.`,
            headers: {
              ...noStore,
              Location: location(
                '`returnTo` (a path, or a URL on a FRONTEND_ORIGINS origin), with `linked` or `error` when connecting; or `/login?error=<code>`.',
              ),
              'Set-Cookie': setCookie,
            },
          },
          '429': ref('responses', 'RateLimited'),
        },
      },
    },
    '/auth/logged-out': {
      get: {
        operationId: 'afterProviderLogout',
        summary: 'Back from the provider’s end-session page (a browser navigation)',
        description:
          'The post-logout redirect URI of every RP-initiated logout, always with a signed, short-lived `state` naming where to go on (`/login`, or the `returnTo` of `POST /auth/logout?returnTo=…`). Register `PUBLIC_URL/auth/logged-out` at the provider.',
        tags: ['session'],
        security: OPEN,
        parameters: [
          { name: 'state', in: 'query', description: 'The signed, short-lived target the sign-out asked for.', schema: { type: 'string' } },
        ],
        responses: {
          '302': {
            description: 'To the signed target; a missing, forged or expired state goes to `/login`.',
            headers: { ...noStore, Location: location('The `returnTo` of the sign-out, or `/login`.') },
          },
        },
      },
    },
  };
}
