import { z } from 'zod';

import { parseApiBodyLimit } from './config/apiBodyLimit.js';
import { parseApiRoutes, type ApiRoute } from './config/apiRoutes.js';
import { DATABASE_ENV, parseDatabase, type DatabaseConfig } from './config/database.js';
import { parseMetrics, type MetricsConfig } from './config/metrics.js';
import { parseRateLimits, RATE_LIMIT_ENV, type RateLimitConfig } from './config/rateLimits.js';
import { parseFrontendOrigins } from './config/origins.js';
import { parseProviderResponseLimit } from './config/providerResponseLimit.js';
import { parseProviders } from './config/providers.js';
import { parseLogoutHints, type LogoutHint } from './config/logoutHint.js';
import type { OidcProviderConfig, ProviderConfig } from './config/types.js';
import { checkScheme, parseEndpoint, parseUrl } from './config/urls.js';

export { isLoopbackHost } from './config/urls.js';
export type * from './config/types.js';
export type { ApiRoute } from './config/apiRoutes.js';
export type { DatabaseConfig } from './config/database.js';
export type { MetricsConfig } from './config/metrics.js';
export type { LogoutHint } from './config/logoutHint.js';
export type { RateLimit, RateLimitBucket, RateLimitConfig } from './config/rateLimits.js';
export { redactDatabaseUrl } from './config/database.js';

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

/** Thrown when the environment is unusable; the message names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const DEV_SESSION_SECRET = 'dev-only-session-secret-do-not-use-in-production';
const DEV_IDP_CLIENT_ID = 'sso-dev';
const DEV_IDP_CLIENT_SECRET = 'dev-only-secret-not-for-production';

const optional = z
  .string()
  .transform((v) => v.trim())
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const seconds = (fallback: number) =>
  z.coerce.number().int('must be a whole number of seconds').positive('must be positive').default(fallback);

const METRICS_PORT_RANGE = 'must be a port number from 1 to 65535';

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: optional,
  PUBLIC_URL: optional,
  SESSION_SECRET: optional,
  SESSION_LIFETIME: seconds(8 * 60 * 60),
  SESSION_IDLE_TIMEOUT: seconds(2 * 60 * 60),
  LOGOUT_AT_PROVIDER: z.enum(['true', 'false', '1', '0']).default('true'),
  LOGIN_TIMEOUT: seconds(10 * 60),
  PROVIDER_TIMEOUT: z.coerce.number().min(0.1, 'must be at least 0.1 seconds').max(120, 'must be at most 120 seconds').default(10),
  PROVIDER_RESPONSE_LIMIT: optional,
  DATABASE_URL: optional,
  TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  WEB_DIST: optional,
  // 0 picks any free port (tests).
  METRICS_PORT: optional.pipe(z.coerce.number<string>({ error: METRICS_PORT_RANGE }).int(METRICS_PORT_RANGE).min(0, METRICS_PORT_RANGE).max(65535, METRICS_PORT_RANGE).optional()),
  METRICS_HOST: optional,
  FRONTEND_ORIGINS: optional,
  API_ROUTES: optional,
  API_BODY_LIMIT: optional,
  OIDC_ISSUER: optional,
  OIDC_CLIENT_ID: optional,
  OIDC_CLIENT_SECRET: optional,
  OIDC_NAME: optional,
  OIDC_SCOPES: optional,
  OIDC_TOKEN_AUTH_METHOD: optional,
  OIDC_LOGOUT_HINT: optional,
  SIMPLELOGIN_CLIENT_ID: optional,
  SIMPLELOGIN_CLIENT_SECRET: optional,
  SIMPLELOGIN_ISSUER: optional,
  GOOGLE_CLIENT_ID: optional,
  GOOGLE_CLIENT_SECRET: optional,
  GOOGLE_ISSUER: optional,
  FACEBOOK_CLIENT_ID: optional,
  FACEBOOK_CLIENT_SECRET: optional,
  FACEBOOK_API_VERSION: optional,
  FACEBOOK_DIALOG_URL: optional,
  FACEBOOK_GRAPH_URL: optional,
  FACEBOOK_OIDC: z.enum(['on', 'off']).optional(),
  GITHUB_CLIENT_ID: optional,
  GITHUB_CLIENT_SECRET: optional,
  GITHUB_URL: optional,
  GITHUB_API_URL: optional,
  PROVIDERS_FILE: optional,
  PROVIDER_ORDER: optional,
  DEV_FAKES: z.enum(['on', 'off']).optional(),
  DEV_IDP: z.enum(['on', 'off']).optional(),
  DEV_IDP_ISSUER: optional,
  DEV_IDP_CLIENT_ID: optional,
  DEV_IDP_CLIENT_SECRET: optional,
});
type Env = z.infer<typeof EnvSchema>;

/** Every variable the BFF reads from its environment (the documentation must name each one). */
export const ENV_NAMES: readonly string[] = [...Object.keys(EnvSchema.shape), ...DATABASE_ENV, ...RATE_LIMIT_ENV];

function parsePublicUrl(env: Env, problems: string[]): URL | undefined {
  const fallback =
    env.NODE_ENV === 'production' ? `http://localhost:${env.PORT}` : 'http://localhost:5173';
  const url = parseUrl('PUBLIC_URL', env.PUBLIC_URL ?? fallback, problems);
  if (!url) return undefined;
  checkScheme('PUBLIC_URL', url, problems);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    problems.push(`PUBLIC_URL must be an origin such as https://app.example.com, without a path (got "${env.PUBLIC_URL}")`);
  }
  return new URL(url.origin);
}

function parseDevIdp(env: Env, problems: string[], warnings: string[]): OidcProviderConfig | undefined {
  if (env.NODE_ENV === 'production') {
    if (env.DEV_IDP === 'on') problems.push('DEV_IDP=on is not allowed when NODE_ENV=production (the dev IdP has public demo users)');
    return undefined;
  }
  if (env.DEV_IDP === 'off') return undefined;
  const issuer = parseEndpoint('DEV_IDP_ISSUER', env.DEV_IDP_ISSUER ?? 'http://localhost:4000', problems);
  if (!issuer) return undefined;
  warnings.push(`development: "Sign in with Dev IdP" is enabled (issuer ${issuer.href}); set DEV_IDP=off to hide it`);
  return {
    kind: 'oidc',
    id: 'dev',
    name: 'Dev IdP',
    issuer,
    clientId: env.DEV_IDP_CLIENT_ID ?? DEV_IDP_CLIENT_ID,
    clientSecret: env.DEV_IDP_CLIENT_SECRET ?? DEV_IDP_CLIENT_SECRET,
    scopes: ['openid', 'profile', 'email'],
    tokenAuthMethod: 'auto',
    authParams: {},
    allowInsecureRequests: issuer.protocol === 'http:',
    credentialsHint: 'DEV_IDP_CLIENT_ID and DEV_IDP_CLIENT_SECRET',
  };
}

/**
 * SESSION_SECRET: one secret, or a comma-separated list for rotation. The first signs and
 * encrypts; every one verifies and decrypts.
 */
function parseSessionSecrets(env: Env, problems: string[], warnings: string[]): string[] {
  if (env.SESSION_SECRET !== undefined) {
    const secrets = env.SESSION_SECRET.split(',').map((s) => s.trim());
    if (secrets.some((s) => s.length < 32)) {
      problems.push('SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -base64 48`); with several, comma-separated, each one');
    }
    return secrets;
  }
  // Never default a secret in production.
  if (env.NODE_ENV === 'production') {
    problems.push('SESSION_SECRET is required when NODE_ENV=production (e.g. `openssl rand -base64 48`)');
    return [''];
  }
  warnings.push('development: SESSION_SECRET is not set; using a fixed development secret');
  return [DEV_SESSION_SECRET];
}

/** Parses the environment once, at start-up. Throws ConfigError naming every bad variable. */
export function loadConfig(source: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (got "${String(source[String(issue.path[0])] ?? '')}")`),
    );
  }
  const env = parsed.data;
  const problems: string[] = [];
  const warnings: string[] = [];

  const publicUrl = parsePublicUrl(env, problems);
  const sessionSecrets = parseSessionSecrets(env, problems, warnings);
  const database = parseDatabase(source, problems);
  const metrics = parseMetrics(env, problems);
  const rateLimits = parseRateLimits(source, problems);
  const providers = parseProviders(env as unknown as Record<string, string | undefined>, { rawEnv: source, production: env.NODE_ENV === 'production', dev: parseDevIdp(env, problems, warnings) }, problems);
  if (env.DEV_FAKES === 'on' && env.NODE_ENV !== 'production') {
    warnings.push('development: DEV_FAKES=on: providers without credentials point at the local fakes (pnpm dev starts them)');
  }
  if (env.NODE_ENV === 'production' && providers.length === 0 && problems.length === 0) {
    problems.push(
      'no sign-in provider is configured: set e.g. GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET, or OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (see .env.example)',
    );
  }
  // In development the example frontend (apps/example-vanilla) runs on :5174.
  const frontendOrigins = publicUrl
    ? parseFrontendOrigins(env.FRONTEND_ORIGINS ?? (env.NODE_ENV === 'development' ? 'http://localhost:5174' : undefined), publicUrl, problems, warnings)
    : [];
  // In development the demo API (apps/demo-api) sits behind /api/demo. It checks tokens at the dev
  // IdP, so only dev IdP sessions can use it (a GitHub token would only be refused there).
  const devIdpOn = providers.some((p) => p.id === 'dev');
  const apiRoutes = parseApiRoutes(
    env.API_ROUTES ?? (env.NODE_ENV === 'development' && devIdpOn ? '/api/demo=http://localhost:4100/api/demo|GET,POST|providers=dev' : undefined),
    problems,
    providers.map((p) => p.id),
    { production: env.NODE_ENV === 'production' },
  );
  const apiBodyLimit = parseApiBodyLimit(env.API_BODY_LIMIT, problems);
  const logoutHints = parseLogoutHints(env.OIDC_LOGOUT_HINT, providers.map((p) => p.id), problems);
  const providerResponseLimit = parseProviderResponseLimit(env.PROVIDER_RESPONSE_LIMIT, problems);
  if (problems.length || !publicUrl) throw new ConfigError(problems);

  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl,
    secureCookies: publicUrl.protocol === 'https:',
    sessionSecret: sessionSecrets[0]!,
    sessionSecrets,
    sessionLifetime: env.SESSION_LIFETIME,
    sessionIdleTimeout: Math.min(env.SESSION_IDLE_TIMEOUT, env.SESSION_LIFETIME),
    logoutAtProvider: env.LOGOUT_AT_PROVIDER === 'true' || env.LOGOUT_AT_PROVIDER === '1',
    logoutHints,
    loginTimeout: env.LOGIN_TIMEOUT,
    providerTimeoutMs: env.PROVIDER_TIMEOUT * 1000,
    database,
    providers: providers.map((p) => ({ ...p, timeoutMs: env.PROVIDER_TIMEOUT * 1000, maxResponseBytes: providerResponseLimit })),
    frontendOrigins,
    apiRoutes,
    apiBodyLimit,
    trustProxy: env.TRUST_PROXY === 'true' || env.TRUST_PROXY === '1',
    rateLimits,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    webDist: env.WEB_DIST,
    metrics,
    warnings,
  };
}

/** The two session lifetimes, as the session code wants them. */
export function sessionTiming(config: Pick<Config, 'sessionLifetime' | 'sessionIdleTimeout'>): { lifetimeSeconds: number; idleSeconds: number } {
  return { lifetimeSeconds: config.sessionLifetime, idleSeconds: config.sessionIdleTimeout };
}
