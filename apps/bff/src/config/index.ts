/**
 * The configuration module: the environment (and the `.env` file) → one typed Config, parsed once
 * at start-up with a schema that also documents every variable (schema.ts).
 */
export { readEnvironment, type Environment } from './environment.js';
export { loadConfig, type LoadOptions } from './load.js';
export { ConfigError } from './errors.js';
export { sessionTiming } from './sessions.js';
export { ENV_NAMES } from './schema.js';
export { isLoopbackHost } from './urls.js';
export { redactDatabaseUrl } from './database.js';
export type * from './types.js';
export type { ApiRoute } from './apiRoutes.js';
export type { DatabaseConfig } from './database.js';
export type { MetricsConfig } from './metrics.js';
export type { LogoutHint } from './logoutHint.js';
export type { RateLimit, RateLimitBucket, RateLimitConfig } from './rateLimits.js';
