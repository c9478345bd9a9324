import { fileURLToPath } from 'node:url';
import { parseApiBodyLimit } from './apiBodyLimit.js';
import { parseApiRoutes } from './apiRoutes.js';
import { parseDatabase } from './database.js';
import { DEV_API_ROUTE, DEV_FRONTEND_ORIGIN } from './defaults.js';
import { parseDevIdp } from './devIdp.js';
import { ConfigError } from './errors.js';
import { parseLogoutHints } from './logoutHint.js';
import { parseMetrics } from './metrics.js';
import { parseFrontendOrigins } from './origins.js';
import { parseProviderResponseLimit } from './providerResponseLimit.js';
import { parseProviders } from './providers.js';
import { parsePublicUrl } from './publicUrl.js';
import { parseRateLimits } from './rateLimits.js';
import { EnvSchema } from './schema.js';
import { parseSessionSecrets } from './sessions.js';
import type { Config } from './types.js';

export interface LoadOptions {
  /**
   * The BFF's package folder (apps/bff/, where main.ts runs from): in production WEB_DIST
   * defaults to the built SPA beside it (../web/dist). Without it, WEB_DIST has no default.
   */
  bffDir?: URL;
}

/** In production, the built SPA beside the BFF (apps/web/dist); WEB_DIST set empty means none. */
function defaultWebDist(env: { NODE_ENV: string }, options: LoadOptions): string | undefined {
  return env.NODE_ENV === 'production' && options.bffDir ? fileURLToPath(new URL('../web/dist', options.bffDir)) : undefined;
}

/** Parses the environment once, at start-up. Throws ConfigError naming every bad variable. */
export function loadConfig(source: Record<string, string | undefined>, options: LoadOptions = {}): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.')}: ${issue.message} (got "${String(source[String(issue.path[0])] ?? '')}")`,
      ),
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
  const providers = parseProviders(
    env as unknown as Record<string, string | undefined>,
    { rawEnv: source, production: env.NODE_ENV === 'production', dev: parseDevIdp(env, problems, warnings) },
    problems,
  );
  if (env.DEV_FAKES === 'on' && env.NODE_ENV !== 'production') {
    warnings.push('development: DEV_FAKES=on: providers without credentials point at the local fakes (pnpm dev starts them)');
  }
  if (env.NODE_ENV === 'production' && providers.length === 0 && problems.length === 0) {
    problems.push(
      'no sign-in provider is configured: set e.g. GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET, or OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (see .env.example)',
    );
  }
  const frontendOrigins = publicUrl
    ? parseFrontendOrigins(
        env.FRONTEND_ORIGINS ?? (env.NODE_ENV === 'development' ? DEV_FRONTEND_ORIGIN : undefined),
        publicUrl,
        problems,
        warnings,
      )
    : [];
  // The demo API's route needs the dev IdP: it checks tokens there.
  const devIdpOn = providers.some((p) => p.id === 'dev');
  const apiRoutes = parseApiRoutes(
    env.API_ROUTES ?? (env.NODE_ENV === 'development' && devIdpOn ? DEV_API_ROUTE : undefined),
    problems,
    providers.map((p) => p.id),
    { production: env.NODE_ENV === 'production' },
  );
  const apiBodyLimit = parseApiBodyLimit(env.API_BODY_LIMIT, problems);
  const logoutHints = parseLogoutHints(
    env.OIDC_LOGOUT_HINT,
    providers.map((p) => p.id),
    problems,
  );
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
    webDist: env.WEB_DIST ?? (source.WEB_DIST === undefined ? defaultWebDist(env, options) : undefined),
    metrics,
    warnings,
  };
}
