import { z } from 'zod';
import { DEV_IDP } from '../defaults.js';
import { PROVIDER_DEFAULTS } from '../providers.js';
import { docs, text } from './registry.js';

const SEE_PROVIDERS = 'See [Providers](#providers).';

/** A built-in provider's client id: the row its secret and URLs are documented in. */
const clientId = (label: string, id: string, extra = '') =>
  text().register(docs, {
    section: 'providers',
    description: `${label} (id \`${id}\`): its client id and secret, both or neither.${extra} ${SEE_PROVIDERS}`,
  });
const secretOf = (rowOf: string) => text().register(docs, { rowOf, secret: true });
const urlOf = (rowOf: string, name: keyof typeof PROVIDER_DEFAULTS) => text().register(docs, { rowOf, default: PROVIDER_DEFAULTS[name] });

/** SimpleLogin, Google, GitHub, Facebook, the providers file and the button order (parsed by providers.ts). */
export const providerVariables = {
  SIMPLELOGIN_CLIENT_ID: clientId('SimpleLogin', 'simplelogin'),
  SIMPLELOGIN_CLIENT_SECRET: secretOf('SIMPLELOGIN_CLIENT_ID'),
  SIMPLELOGIN_ISSUER: urlOf('SIMPLELOGIN_CLIENT_ID', 'SIMPLELOGIN_ISSUER'),
  GOOGLE_CLIENT_ID: clientId('Google', 'google'),
  GOOGLE_CLIENT_SECRET: secretOf('GOOGLE_CLIENT_ID'),
  GOOGLE_ISSUER: urlOf('GOOGLE_CLIENT_ID', 'GOOGLE_ISSUER'),
  GITHUB_CLIENT_ID: clientId('A GitHub OAuth app', 'github'),
  GITHUB_CLIENT_SECRET: secretOf('GITHUB_CLIENT_ID'),
  GITHUB_URL: urlOf('GITHUB_CLIENT_ID', 'GITHUB_URL'),
  GITHUB_API_URL: urlOf('GITHUB_CLIENT_ID', 'GITHUB_API_URL'),
  FACEBOOK_CLIENT_ID: clientId('Facebook', 'facebook', ' The client id is the App ID, the secret the App Secret.'),
  FACEBOOK_CLIENT_SECRET: secretOf('FACEBOOK_CLIENT_ID'),
  FACEBOOK_API_VERSION: urlOf('FACEBOOK_CLIENT_ID', 'FACEBOOK_API_VERSION'),
  FACEBOOK_DIALOG_URL: urlOf('FACEBOOK_CLIENT_ID', 'FACEBOOK_DIALOG_URL'),
  FACEBOOK_GRAPH_URL: urlOf('FACEBOOK_CLIENT_ID', 'FACEBOOK_GRAPH_URL'),
  FACEBOOK_OIDC: z.enum(['on', 'off']).optional().register(docs, {
    section: 'providers',
    default: 'off',
    description:
      '`on`: Facebook\'s OpenID Connect code flow with PKCE S256 and a nonce (Facebook marks it "still in testing"), so a stolen code cannot be redeemed in another sign-in; the ID token is verified against `FACEBOOK_DIALOG_URL/.well-known/oauth/openid/jwks/` with issuer `https://www.facebook.com`. `off`: the classic OAuth 2.0 flow. Sign-ins started before switching it on must start again (`invalid_state`).',
  }),
  PROVIDERS_FILE: text().register(docs, {
    section: 'providers',
    description:
      "JSON or YAML file of extra OpenID Connect issuers (see [Providers file](#providers-file)). An entry's `clientSecretEnv` names the variable that holds its client secret (e.g. `OKTA_CLIENT_SECRET`), which keeps secrets out of the file.",
    example: './providers.yaml',
  }),
  PROVIDER_ORDER: text().register(docs, {
    section: 'providers',
    description:
      'Comma-separated ids to put first; the others follow in the default order (simplelogin, google, github, facebook, oidc, providers-file entries, dev).',
    example: 'google,github',
  }),
  DEV_FAKES: z.enum(['on', 'off']).optional().register(docs, {
    section: 'providers',
    default: 'off',
    description:
      'Development only: `on` points every built-in provider without credentials at the local fakes that `pnpm dev:fakes` (`DEV_FAKES=on pnpm dev`) starts (packages/dev-idp), so every button can be tried without accounts. Refused in production.',
  }),
};

/** The generic OpenID Connect provider, id `oidc` (parsed by providers.ts and logoutHint.ts). */
export const oidcVariables = {
  OIDC_ISSUER: text().register(docs, {
    section: 'oidc',
    description:
      'A generic OpenID Connect provider, id `oidc`: all three or none. `http://` issuers only for localhost, 127.0.0.1, [::1]. Register the redirect URI `PUBLIC_URL/auth/callback/oidc` at the provider.',
    example: 'https://accounts.example.com',
  }),
  OIDC_CLIENT_ID: text().register(docs, { rowOf: 'OIDC_ISSUER' }),
  OIDC_CLIENT_SECRET: text().register(docs, { rowOf: 'OIDC_ISSUER', secret: true }),
  OIDC_NAME: text().register(docs, {
    section: 'oidc',
    default: PROVIDER_DEFAULTS.OIDC_NAME,
    description: 'Its button label ("Sign in with …").',
    example: 'Example SSO',
  }),
  OIDC_SCOPES: text().register(docs, {
    section: 'oidc',
    default: PROVIDER_DEFAULTS.OIDC_SCOPES,
    description: 'Space- or comma-separated; must include `openid`.',
  }),
  OIDC_TOKEN_AUTH_METHOD: text().register(docs, {
    section: 'oidc',
    default: PROVIDER_DEFAULTS.OIDC_TOKEN_AUTH_METHOD,
    description:
      'How its client authenticates at the token endpoint: `auto` (as the provider advertises; the form body when both are offered and the id or secret has characters other than letters and digits), `client_secret_basic` or `client_secret_post` (see [Providers](#providers)).',
  }),
  OIDC_LOGOUT_HINT: text().register(docs, {
    section: 'oidc',
    default: 'off',
    description:
      "Its sign-out: `off` posts the ID token as `id_token_hint` from the BFF's end-session page (never in a URL); `sub` or `sid` sends `client_id` + `logout_hint` (the user's subject, or the provider session's `sid`) in a plain redirect with no token, for providers that accept that.",
  }),
};

/** The local dev IdP's button (development only). */
export const devIdpVariables = {
  DEV_IDP: z.enum(['on', 'off']).optional().register(docs, {
    section: 'devIdp',
    default: 'on',
    defaultText: 'dev: `on`; prod: refused',
    description: "The local dev IdP's button (id `dev`), with its public demo users.",
  }),
  DEV_IDP_ISSUER: text().register(docs, { section: 'devIdp', default: DEV_IDP.issuer, description: 'Where the BFF finds the dev IdP.' }),
  DEV_IDP_CLIENT_ID: text().register(docs, {
    section: 'devIdp',
    default: DEV_IDP.clientId,
    description: "The dev IdP's client: its id and its public development secret.",
  }),
  DEV_IDP_CLIENT_SECRET: text().register(docs, { rowOf: 'DEV_IDP_CLIENT_ID', default: DEV_IDP.clientSecret }),
};
