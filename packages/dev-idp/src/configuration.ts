import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';

import { createFindAccount, type DemoUser } from './accounts.js';
import { toClientMetadata, type DevIdpClient } from './clients.js';
import { generateCookieKeys, generateSigningKeys } from './keys.js';
import { createMemoryAdapter } from './memory-adapter.js';
import { errorPage, loggedOutPage, logoutPage } from './pages.js';

export interface ConfigurationInput {
  issuer: string;
  clients: readonly DevIdpClient[];
  users: readonly DemoUser[];
}

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

/** Short lifetimes: this is a development server, and short TTLs surface expiry bugs early. */
const TTL = {
  AuthorizationCode: MINUTE,
  Interaction: 10 * MINUTE,
  Session: DAY,
  AccessToken: 10 * MINUTE,
  IdToken: 10 * MINUTE,
  RefreshToken: DAY,
  Grant: DAY,
} as const;

/** Public text for the errors oidc-provider renders as HTML (never the stack or internal detail). */
async function renderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string | undefined }) {
  ctx.type = 'html';
  ctx.body = errorPage(
    'Something went wrong',
    out.error_description ?? 'The sign-in request could not be completed.',
    `Error code: ${out.error}. Go back to the application and start again.`,
  );
}

const clientNameOf = (ctx: KoaContextWithOIDC) => ctx.oidc.client?.clientName ?? ctx.oidc.client?.clientId;

/** The oidc-provider configuration for one Dev IdP instance. */
export function buildConfiguration({ issuer, clients, users }: ConfigurationInput): Configuration {
  return {
    adapter: createMemoryAdapter(),
    clients: clients.map(toClientMetadata),
    findAccount: createFindAccount(issuer, users),
    jwks: generateSigningKeys(),
    cookies: { keys: generateCookieKeys() },
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
          ctx.body = logoutPage(form, clientNameOf(ctx));
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage(clientNameOf(ctx));
        },
      },
      // Lets the BFF revoke its refresh token on logout, as it would against a real provider.
      // A client may revoke only its own tokens (RFC 7009 §2.1).
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
    },
    // OIDC Core §11 lets a provider ignore offline_access without prompt=consent, and
    // oidc-provider does; a development IdP should not make the BFF guess, so every client that
    // may use refresh_token gets one (it ends with the session unless offline_access was granted).
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { ...TTL },
    renderError,
    // Only registered clients exist, and all are local development apps.
    clientBasedCORS: () => true,
  };
}
