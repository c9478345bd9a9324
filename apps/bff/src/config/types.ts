import type { ApiRoute } from './apiRoutes.js';
import type { DatabaseConfig } from './database.js';
import type { LogoutHint } from './logoutHint.js';
import type { MetricsConfig } from './metrics.js';
import type { RateLimitConfig } from './rateLimits.js';

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

/** The BFF's whole configuration, parsed once at start-up (loadConfig). */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string | undefined;
  /** The origin the browser sees, without a trailing slash. */
  publicUrl: URL;
  /** Cookies get Secure and the __Host- prefix. */
  secureCookies: boolean;
  /** The first of SESSION_SECRET's secrets: what signs and encrypts now. */
  sessionSecret: string;
  /** Every SESSION_SECRET secret, newest first: all verify and decrypt (rotation). */
  sessionSecrets: string[];
  /** Absolute session lifetime, seconds. */
  sessionLifetime: number;
  /** Idle timeout, seconds: a session unused this long ends. */
  sessionIdleTimeout: number;
  /** Sign-out also ends the session at the provider (RP-initiated logout) where it supports that. */
  logoutAtProvider: boolean;
  /** Providers (by id) whose end-session request carries `client_id` + `logout_hint` instead of the ID token. */
  logoutHints: Record<string, LogoutHint>;
  /** How long a started login may take until the provider sends the user back, seconds. */
  loginTimeout: number;
  /** Each HTTP call to a provider gives up after this long (PROVIDER_TIMEOUT, seconds), milliseconds. */
  providerTimeoutMs: number;
  database: DatabaseConfig;
  providers: ProviderConfig[];
  /** The token-handler API proxy's routes (API_ROUTES). */
  apiRoutes: ApiRoute[];
  /** The largest request body the API proxy forwards, bytes (API_BODY_LIMIT). */
  apiBodyLimit: number;
  /** Other frontends' origins: CORS with credentials, allowed as returnTo and as Origin of API calls. */
  frontendOrigins: string[];
  trustProxy: boolean;
  /** Requests per client address on the unauthenticated routes that write (RATE_LIMIT*). */
  rateLimits: RateLimitConfig;
  logLevel: string;
  /** The built SPA to serve, if any. */
  webDist: string | undefined;
  /** The Prometheus listener (METRICS_PORT, METRICS_HOST); undefined: off. */
  metrics: MetricsConfig | undefined;
  /** Messages about development defaults in use, logged at start. */
  warnings: string[];
}
