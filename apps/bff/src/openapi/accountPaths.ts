import { ErrorCode } from '@sso/profile';
import { OPEN, SESSION_OPTIONAL, SIGNED_IN, apiError, noStore, ok, pathParam, ref } from './components.js';
import { schemaRef } from './schemas.js';
import type { Paths } from './types.js';

const csrf = ref('parameters', 'XCsrf');
const unauthenticated = ref('responses', 'Unauthenticated');
const csrfFailed = ref('responses', 'CsrfFailed');
const internal = ref('responses', 'InternalError');
const html = { 'text/html': { schema: { type: 'string' } } };
const csp = {
  description: 'This page’s own policy, replacing the app’s.',
  required: true,
  schema: { type: 'string', pattern: "^default-src 'none'" },
};

/** The signed-in user, sign-out, connected accounts and signed-in devices (routes/me.ts, logout.ts, identities.ts, devices.ts). */
export function accountPaths(): Paths {
  return {
    '/auth/me': {
      get: {
        operationId: 'getMe',
        summary: 'The signed-in user',
        description: 'Also activity: it moves the idle deadline on.',
        tags: ['session'],
        security: SIGNED_IN,
        responses: {
          '200': ok('Signed in.', schemaRef('MeResponse')),
          '401': apiError(
            'Not signed in: `unauthenticated`. Never a redirect. When another device signed this one out, the first answer says so, once: `reason: "signed_out_elsewhere"` with its message, and the session cookie is cleared.',
            [ErrorCode.Unauthenticated],
          ),
          '500': internal,
        },
      },
    },
    '/auth/logout': {
      post: {
        operationId: 'logout',
        summary: 'Sign out',
        description:
          'Destroys the session on the server and expires the cookie, whatever the provider says; without a session it only answers. Never carries a token, in the body or in `redirectTo`. Where the provider supports RP-initiated logout (and LOGOUT_AT_PROVIDER is not false), `redirectTo` is `PUBLIC_URL/auth/end-session?id=<one-time id>`, the page that posts the ID token to the provider so that its session ends too; for a provider set to `logout_hint` (OIDC_LOGOUT_HINT) it is the provider’s end-session URL with `client_id` and `logout_hint` and no token. Otherwise it is where the browser ends up.',
        tags: ['session'],
        security: SESSION_OPTIONAL,
        parameters: [
          csrf,
          {
            name: 'returnTo',
            in: 'query',
            description:
              'Where the browser should end up: a path here or a URL on a FRONTEND_ORIGINS origin (anything else means `/login`). With RP-initiated logout it is reached through the provider’s page and `/auth/logged-out`.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': ok('Signed out here; go to `redirectTo` next.', schemaRef('LogoutResponse'), {
            'Set-Cookie': { description: 'Expires the session cookie.', schema: { type: 'string' } },
          }),
          '403': csrfFailed,
          '500': internal,
        },
      },
    },
    '/auth/end-session': {
      get: {
        operationId: 'endSessionPage',
        summary: 'The sign-out hand-off page (a browser navigation)',
        description:
          'Where `POST /auth/logout` sends the browser when the provider’s end-session endpoint needs the ID token: an HTML page whose form posts `id_token_hint`, `post_logout_redirect_uri`, `state` and `client_id` to that endpoint and submits itself (RP-Initiated Logout 1.0 §2: providers accept POST), with a button for browsers without scripts. The one answer of the BFF that holds a token. The id works once, for two minutes, on any instance; the page has no CORS headers, is never cached, sends no Referer, and its own Content-Security-Policy allows only its script (by hash) and forms to the provider’s origin and to `PUBLIC_URL/auth/logged-out`.',
        tags: ['session'],
        security: OPEN,
        parameters: [{ name: 'id', in: 'query', description: 'The one-time id from `redirectTo`.', schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'The auto-submitting form to the provider.',
            headers: { ...noStore, 'Content-Security-Policy': csp },
            content: html,
          },
          '404': {
            description:
              'The id was used already, expired, or never existed: a page that says the user is signed out here and links to `/login`.',
            headers: { ...noStore, 'Content-Security-Policy': csp },
            content: html,
          },
          '400': apiError(
            'Not a top-level navigation (`Sec-Fetch-Mode` other than `navigate`, e.g. a script’s `fetch`), or a HEAD: `bad_request`. The id stays usable.',
            [ErrorCode.BadRequest],
          ),
          '302': {
            description:
              'The store could not be reached (or anything else failed): to `/login?error=<code>` (`store_unavailable`, `internal_error`). The id stays usable until it expires.',
            headers: {
              ...noStore,
              Location: { description: '`/login?error=<code>`.', required: true, schema: { type: 'string', minLength: 1 } },
            },
          },
        },
      },
    },
    '/auth/identities': {
      get: {
        operationId: 'listIdentities',
        summary: 'The user’s connected accounts',
        tags: ['identities'],
        security: SIGNED_IN,
        responses: {
          '200': ok('Oldest first; `current` marks the account this session signed in with.', schemaRef('IdentityList')),
          '401': unauthenticated,
          '500': internal,
        },
      },
    },
    '/auth/identities/{provider}/{subject}': {
      parameters: [ref('parameters', 'Provider'), pathParam('subject', 'The account’s subject at that provider.')],
      delete: {
        operationId: 'unlinkIdentity',
        summary: 'Disconnect an account',
        tags: ['identities'],
        security: SIGNED_IN,
        parameters: [csrf],
        responses: {
          '200': ok(
            'Disconnected: the new list. The user’s sessions that signed in with this account ended with it, on every instance (their next `/auth/me` says `reason: "signed_out_elsewhere"`, once); this session never is one of them.',
            schemaRef('IdentityList'),
          ),
          '401': unauthenticated,
          '403': csrfFailed,
          '404': apiError('The user has no such account: `not_found`.', [ErrorCode.NotFound]),
          '409': apiError('Never the only one (`last_identity`), nor the one this session signed in with (`current_identity`).', [
            ErrorCode.LastIdentity,
            ErrorCode.CurrentIdentity,
          ]),
          '500': internal,
        },
      },
    },
    '/auth/sessions': {
      get: {
        operationId: 'listSessions',
        summary: 'Signed-in devices: the user’s live sessions',
        tags: ['sessions'],
        security: SIGNED_IN,
        responses: { '200': ok('`current` marks this session.', schemaRef('SessionList')), '401': unauthenticated, '500': internal },
      },
      delete: {
        operationId: 'endOtherSessions',
        summary: 'Sign out all other sessions',
        description: 'Ends every session of the user except this one.',
        tags: ['sessions'],
        security: SIGNED_IN,
        parameters: [csrf],
        responses: {
          '200': ok('The new list: this session only.', schemaRef('SessionList')),
          '401': unauthenticated,
          '403': csrfFailed,
          '500': internal,
        },
      },
    },
    '/auth/sessions/{id}': {
      parameters: [pathParam('id', 'A session’s public `id` from `GET /auth/sessions`.')],
      delete: {
        operationId: 'endSession',
        summary: 'Sign out one session',
        description: 'Ending this very session is signing out: the answer is then `[]` and the cookie is expired.',
        tags: ['sessions'],
        security: SIGNED_IN,
        parameters: [csrf],
        responses: {
          '200': ok('The new list (`[]` when it was this session).', schemaRef('SessionList')),
          '401': unauthenticated,
          '403': csrfFailed,
          '404': apiError('No such session for this user: `not_found`.', [ErrorCode.NotFound]),
          '500': internal,
        },
      },
    },
  };
}
