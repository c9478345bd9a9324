import { ErrorCode } from '@sso/profile';
import { SESSION_OPTIONAL, SIGNED_IN, apiError, ok, pathParam, ref } from './components.js';
import { schemaRef } from './schemas.js';
import type { Paths } from './types.js';

const csrf = ref('parameters', 'XCsrf');
const unauthenticated = ref('responses', 'Unauthenticated');
const csrfFailed = ref('responses', 'CsrfFailed');
const internal = ref('responses', 'InternalError');

/** The signed-in user, sign-out, connected accounts and signed-in devices (routes/session.ts, identities.ts, sessions.ts). */
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
          'Destroys the session on the server and expires the cookie, whatever the provider says; without a session it only answers. Where the provider supports RP-initiated logout (and LOGOUT_AT_PROVIDER is not false) `redirectTo` is its end-session URL, so its session ends too.',
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
    '/auth/identities': {
      get: {
        operationId: 'listIdentities',
        summary: 'The user’s connected accounts',
        tags: ['identities'],
        security: SIGNED_IN,
        responses: { '200': ok('Oldest first; `current` marks the account this session signed in with.', schemaRef('IdentityList')), '401': unauthenticated, '500': internal },
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
          '409': apiError(
            'Never the only one (`last_identity`), nor the one this session signed in with (`current_identity`).',
            [ErrorCode.LastIdentity, ErrorCode.CurrentIdentity],
          ),
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
        responses: { '200': ok('The new list: this session only.', schemaRef('SessionList')), '401': unauthenticated, '403': csrfFailed, '500': internal },
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
