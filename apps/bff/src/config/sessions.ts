import { DEV_SESSION_SECRET } from './defaults.js';
import type { Env } from './schema.js';
import type { Config } from './types.js';

/**
 * SESSION_SECRET: one secret, or a comma-separated list for rotation. The first signs and
 * encrypts; every one verifies and decrypts.
 */
export function parseSessionSecrets(env: Env, problems: string[], warnings: string[]): string[] {
  if (env.SESSION_SECRET !== undefined) {
    const secrets = env.SESSION_SECRET.split(',').map((s) => s.trim());
    if (secrets.some((s) => s.length < 32)) {
      problems.push(
        'SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -base64 48`); with several, comma-separated, each one',
      );
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

/** The two session lifetimes, as the session code wants them. */
export function sessionTiming(config: Pick<Config, 'sessionLifetime' | 'sessionIdleTimeout'>): {
  lifetimeSeconds: number;
  idleSeconds: number;
} {
  return { lifetimeSeconds: config.sessionLifetime, idleSeconds: config.sessionIdleTimeout };
}
