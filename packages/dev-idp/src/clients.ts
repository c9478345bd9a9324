import type { ClientMetadata } from 'oidc-provider';

/** A relying party registered with the Dev IdP. */
export interface DevIdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** What our pages call the application (oidc-provider's `client_name`); default: the client id. */
  clientName?: string;
  /**
   * The application's sign-in page, linked as "Back to <name>" from pages that would otherwise be a
   * dead end (a finished sign-in reached with Back). An absolute http(s) URL; default: the first
   * post-logout redirect URI (the app's /login), else the origin of the first redirect URI.
   */
  appUrl?: string;
  /**
   * OpenID Connect Back-Channel Logout 1.0: where the IdP POSTs a signed `logout_token` when a session
   * this client took part in ends. Setting it also puts `sid` into the client's ID tokens.
   */
  backchannelLogoutUri?: string;
}

/** A resource server (API) that may only introspect access tokens (RFC 7662); it cannot sign anyone in. */
export interface DevIdpResourceServer {
  clientId: string;
  clientSecret: string;
}

/**
 * The client `pnpm dev` and the tests use. The secret is public on purpose: this IdP only ever
 * runs on a developer's machine or in CI. The BFF listens on :3000 in development and the IdP
 * reaches it there directly (not through Vite), hence the back-channel URI's port.
 */
export const defaultDevClient: DevIdpClient = {
  clientId: 'sso-dev',
  clientSecret: 'dev-only-secret-not-for-production',
  clientName: 'SSO Demo',
  redirectUris: ['http://localhost:5173/auth/callback/dev', 'http://localhost:3000/auth/callback/dev'],
  postLogoutRedirectUris: [
    'http://localhost:5173/login',
    'http://localhost:3000/login',
    // After RP-initiated logout started by another frontend (returnTo), the BFF sends the browser on.
    'http://localhost:5173/auth/logged-out',
    'http://localhost:3000/auth/logged-out',
  ],
  backchannelLogoutUri: 'http://localhost:3000/auth/backchannel-logout/dev',
};

/** The demo API (`apps/demo-api`) of `pnpm dev`; public dev-only secret, like the client's. */
export const defaultResourceServer: DevIdpResourceServer = {
  clientId: 'demo-api',
  clientSecret: 'demo-api-dev-secret',
};

/** Translates our client shape into oidc-provider client metadata. */
export function toClientMetadata(client: DevIdpClient): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    ...(client.clientName ? { client_name: client.clientName } : {}),
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    id_token_signed_response_alg: 'RS256',
    // token_endpoint_auth_method stays at its default (client_secret_basic): oidc-provider 9
    // accepts client_secret_post for such a client too, so the BFF may use either.
    ...(client.backchannelLogoutUri
      ? {
          backchannel_logout_uri: client.backchannelLogoutUri,
          // Back-Channel Logout 1.0 §2.2: logout tokens (and ID tokens) carry `sid`, so the client can
          // end exactly the session that ended here.
          backchannel_logout_session_required: true,
        }
      : {}),
  };
}

/** A resource server as an oidc-provider client that can use no grant at all, only introspection. */
export function toResourceServerMetadata(server: DevIdpResourceServer): ClientMetadata {
  return {
    client_id: server.clientId,
    client_secret: server.clientSecret,
    redirect_uris: [],
    grant_types: [],
    response_types: [],
  };
}
