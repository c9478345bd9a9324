import type { AdapterFactory, Configuration } from 'oidc-provider';

import { createFindAccount, type DemoUser } from './accounts.js';
import type { AppLinks } from './app-links.js';
import { toClientMetadata, toResourceServerMetadata, type DevIdpClient, type DevIdpResourceServer } from './clients.js';
import { generateCookieKeys, generateSigningKeys } from './keys.js';
import { errorPage, loggedOutPage, logoutPage } from './pages.js';

export interface ConfigurationInput {
  issuer: string;
  clients: readonly DevIdpClient[];
  resourceServers: readonly DevIdpResourceServer[];
  users: readonly DemoUser[];
  adapter: AdapterFactory;
  /** The app behind each client, for the names and "Back to …" links on our pages. */
  apps: AppLinks;
  /** Lifetime of access tokens, seconds. */
  accessTokenTtl: number;
}

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

/** Short lifetimes: this is a development server, and short TTLs surface expiry bugs early. */
const TTL = {
  AuthorizationCode: MINUTE,
  Interaction: 10 * MINUTE,
  Session: DAY,
  IdToken: 10 * MINUTE,
  RefreshToken: DAY,
  Grant: DAY,
} as const;

/** The access token lifetime unless `accessTokenTtlSeconds` says otherwise. */
export const DEFAULT_ACCESS_TOKEN_TTL = 10 * MINUTE;

/**
 * oidc-provider's fetch refuses loopback and private addresses (SSRF protection), but every relying
 * party of a development IdP runs on this machine or its network, and back-channel logout must reach
 * them. Clients are registered in code only (no dynamic registration), so no outsider picks the URLs.
 */
const fetchWithoutSsrfGuard: NonNullable<Configuration['fetch']> = (input, init) => {
  const { dispatcher: _ssrfGuard, ...rest } = (init ?? {}) as RequestInit & { dispatcher?: unknown };
  return fetch(input, rest);
};

/**
 * Public text for the errors oidc-provider renders as HTML (never the stack or internal detail), with
 * a link back to the app of the request's client, or else to the first app: no dead end.
 */
function createRenderError(apps: AppLinks): NonNullable<Configuration['renderError']> {
  return (ctx, out) => {
    ctx.type = 'html';
    ctx.body = errorPage(
      'Something went wrong',
      out.error_description ?? 'The sign-in request could not be completed.',
      `Error code: ${out.error}. Go back to the application and start again.`,
      apps.ofOrFirst(ctx.oidc?.client?.clientId),
    );
  };
}

/** The oidc-provider configuration for one Dev IdP instance. */
export function buildConfiguration(input: ConfigurationInput): Configuration {
  const { issuer, clients, resourceServers, users, adapter, apps, accessTokenTtl } = input;
  const resourceServerIds = new Set(resourceServers.map((server) => server.clientId));
  return {
    adapter,
    clients: [...clients.map(toClientMetadata), ...resourceServers.map(toResourceServerMetadata)],
    findAccount: createFindAccount(issuer, users),
    jwks: generateSigningKeys(),
    // The session cookie goes with a cross-site POST to /session/end (RP-Initiated Logout 1.0 §2:
    // the BFF posts the ID token rather than put it in a URL); secure-cookies.ts makes it Secure.
    cookies: { keys: generateCookieKeys(), long: { httpOnly: true, sameSite: 'none' } },
    enableHttpPostMethods: true,
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'picture'],
      email: ['email', 'email_verified'],
    },
    features: {
      // We serve our own interaction pages (interactions.ts).
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage({ form, app: apps.of(ctx.oidc.client?.clientId) });
        },
        postLogoutSuccessSource: async (ctx) => {
          // oidc-provider names the client here only if the IdP session stayed; ask the cookie to be sure.
          const session = await ctx.oidc.provider.Session.get(ctx);
          const clientId = ctx.oidc.client?.clientId;
          ctx.type = 'html';
          ctx.body = loggedOutPage({ app: apps.of(clientId), signedInToIdp: Boolean(session.accountId), back: apps.ofOrFirst(clientId) });
        },
      },
      // OpenID Connect Back-Channel Logout 1.0: a logout token to every client of an ending session
      // that registered backchannel_logout_uri (and `sid` in those clients' ID tokens).
      backchannelLogout: { enabled: true },
      // Lets the BFF revoke its refresh token on logout, as it would against a real provider.
      // A client may revoke only its own tokens (RFC 7009 §2.1).
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      // RFC 7662, so APIs can check the BFF's opaque access tokens. §2.1 leaves who may ask to us: a
      // client its own tokens, a registered resource server any client's access tokens (never
      // refresh tokens, which are none of an API's business). Everyone else learns only active: false.
      introspection: {
        enabled: true,
        allowedPolicy: (_ctx, caller, token) =>
          token.clientId === caller.clientId || (resourceServerIds.has(caller.clientId) && token.kind === 'AccessToken'),
      },
    },
    // OIDC Core §11 lets a provider ignore offline_access without prompt=consent, and
    // oidc-provider does; a development IdP should not make the BFF guess, so every client that
    // may use refresh_token gets one (it ends with the session unless offline_access was granted).
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { ...TTL, AccessToken: accessTokenTtl },
    // Everything runs on this machine's clock. oidc-provider's default 15 s of tolerance would let
    // /me accept an access token for 15 s past its exp, hiding expiry from tests with short TTLs.
    clockTolerance: 0,
    renderError: createRenderError(apps),
    // Only registered clients exist, and all are local development apps.
    clientBasedCORS: () => true,
    fetch: fetchWithoutSsrfGuard,
  };
}
