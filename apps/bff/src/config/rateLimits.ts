import { z } from 'zod';

/** At most `max` requests per client address in each window of `windowMs` (fixed windows). */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** The unauthenticated routes that write, each with its own budget per address. */
export type RateLimitBucket = 'login' | 'callback' | 'backchannel';

/** Each bucket's limit; null: not limited (RATE_LIMIT=off, or that variable `off`). */
export type RateLimitConfig = Record<RateLimitBucket, RateLimit | null>;

/** The variables this file reads. */
export const RATE_LIMIT_ENV = ['RATE_LIMIT', 'RATE_LIMIT_LOGIN', 'RATE_LIMIT_CALLBACK', 'RATE_LIMIT_BACKCHANNEL'] as const;

const VARIABLES: Record<RateLimitBucket, (typeof RATE_LIMIT_ENV)[number]> = {
  login: 'RATE_LIMIT_LOGIN',
  callback: 'RATE_LIMIT_CALLBACK',
  backchannel: 'RATE_LIMIT_BACKCHANNEL',
};

/**
 * Defaults that an office or a carrier-grade NAT full of real users does not reach: a sign-in is
 * one login start and one callback, and each person signs in a few times a day. Back-channel logouts
 * come from a provider's few servers on behalf of all its users, so their budget is larger.
 */
export const RATE_LIMIT_DEFAULTS: Record<RateLimitBucket, string> = {
  login: '120/1m',
  callback: '120/1m',
  backchannel: '600/1m',
};

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;
const MAX_WINDOW_MS = 24 * UNIT_MS.h;

const LIMIT = /^(\d{1,7})(?:\/(\d{1,5})?(s|m|h))?$/;

const LimitSchema = z
  .string()
  .regex(LIMIT)
  .transform((text) => {
    const [, max, count, unit] = LIMIT.exec(text)!;
    return { max: Number(max), windowMs: unit ? Number(count ?? 1) * UNIT_MS[unit as keyof typeof UNIT_MS] : UNIT_MS.m };
  })
  .refine((limit) => limit.max >= 1 && limit.windowMs >= 1_000 && limit.windowMs <= MAX_WINDOW_MS);

/** `60/1m`, `10/30s`, `1000/1h`, or a bare `60` (per minute); undefined when malformed. */
export function parseRateLimit(text: string): RateLimit | undefined {
  const parsed = LimitSchema.safeParse(text);
  return parsed.success ? parsed.data : undefined;
}

/** RATE_LIMIT (on|off) and one `N/window` per bucket. */
export function parseRateLimits(env: Record<string, string | undefined>, problems: string[]): RateLimitConfig {
  const master = env.RATE_LIMIT?.trim().toLowerCase() || 'on';
  if (master !== 'on' && master !== 'off') problems.push(`RATE_LIMIT must be on or off (got "${env.RATE_LIMIT}")`);
  const config = {} as RateLimitConfig;
  for (const bucket of Object.keys(VARIABLES) as RateLimitBucket[]) {
    const name = VARIABLES[bucket];
    const text = env[name]?.trim().toLowerCase() || RATE_LIMIT_DEFAULTS[bucket];
    const limit = text === 'off' ? null : parseRateLimit(text);
    if (limit === undefined) {
      problems.push(
        `${name} must look like 120/1m (requests per address per window of s, m or h, at most 24h) or off (got "${env[name]}")`,
      );
    }
    config[bucket] = master === 'off' ? null : (limit ?? null);
  }
  return config;
}
