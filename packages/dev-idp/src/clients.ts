import type { ClientMetadata } from 'oidc-provider';

/** A relying party registered with the Dev IdP. */
export interface DevIdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
}

/**
 * The client `pnpm dev` and the tests use. The secret is public on purpose: this IdP only ever
 * runs on a developer's machine or in CI.
 */
export const defaultDevClient: DevIdpClient = {
  clientId: 'sso-dev',
  clientSecret: 'dev-only-secret-not-for-production',
  redirectUris: ['http://localhost:5173/auth/callback/dev', 'http://localhost:3000/auth/callback/dev'],
  postLogoutRedirectUris: ['http://localhost:5173/login', 'http://localhost:3000/login'],
};

/** Translates our client shape into oidc-provider client metadata. */
export function toClientMetadata(client: DevIdpClient): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    id_token_signed_response_alg: 'RS256',
    // token_endpoint_auth_method stays at its default (client_secret_basic): oidc-provider 9
    // accepts client_secret_post for such a client too, so the BFF may use either.
  };
}
