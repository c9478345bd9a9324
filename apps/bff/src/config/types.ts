/** How a provider's client authenticates at its token endpoint. */
export type TokenAuthMethod = 'auto' | 'client_secret_basic' | 'client_secret_post';

/** Any OpenID Connect issuer, found through discovery (SimpleLogin, Google, generic, dev IdP). */
export interface OidcProviderConfig {
  kind: 'oidc';
  /** Each HTTP call to the provider gives up after this long (PROVIDER_TIMEOUT); default 10 s. */
  timeoutMs?: number;
  /** The largest answer read from the provider, bytes (PROVIDER_RESPONSE_LIMIT); default 1 MiB. */
  maxResponseBytes?: number;
  id: string;
  name: string;
  issuer: URL;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** `auto` follows what the provider advertises. */
  tokenAuthMethod: TokenAuthMethod;
  /** Extra authorization request parameters (e.g. Google's `access_type`). */
  authParams: Record<string, string>;
  /** Only for http:// loopback issuers (dev IdP, fakes, tests). */
  allowInsecureRequests: boolean;
  /** Where the operator sets this client's credentials, named in the log when the provider refuses them. */
  credentialsHint?: string;
}

/** Facebook Login: plain OAuth 2.0 plus the Graph API, not OpenID Connect. */
export interface FacebookProviderConfig {
  kind: 'facebook';
  /** Each HTTP call to the provider gives up after this long (PROVIDER_TIMEOUT); default 10 s. */
  timeoutMs?: number;
  /** The largest answer read from the provider, bytes (PROVIDER_RESPONSE_LIMIT); default 1 MiB. */
  maxResponseBytes?: number;
  id: 'facebook';
  name: string;
  clientId: string;
  clientSecret: string;
  /** Graph API version, e.g. v21.0. */
  apiVersion: string;
  /** Where the OAuth dialog lives (https://www.facebook.com). */
  dialogUrl: URL;
  /** Where the token endpoint and the Graph API live (https://graph.facebook.com). */
  graphUrl: URL;
  /** FACEBOOK_OIDC=on: Facebook's OpenID Connect code flow with PKCE and nonce instead of classic OAuth. */
  oidc: boolean;
}

/** A GitHub OAuth app: OAuth 2.0 plus the REST API, not OpenID Connect. */
export interface GitHubProviderConfig {
  kind: 'github';
  /** Each HTTP call to the provider gives up after this long (PROVIDER_TIMEOUT); default 10 s. */
  timeoutMs?: number;
  /** The largest answer read from the provider, bytes (PROVIDER_RESPONSE_LIMIT); default 1 MiB. */
  maxResponseBytes?: number;
  id: 'github';
  name: string;
  clientId: string;
  clientSecret: string;
  /** https://github.com (authorize and token endpoints). */
  webUrl: URL;
  /** https://api.github.com */
  apiUrl: URL;
}

export type ProviderConfig = OidcProviderConfig | FacebookProviderConfig | GitHubProviderConfig;
