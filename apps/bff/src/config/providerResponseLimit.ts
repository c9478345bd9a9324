import { PROVIDER_RESPONSE_LIMIT } from '../providers/http.js';

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 * 1024 };
/** Below this even real answers fail (Google's discovery document and JWKS are a few KiB each). */
const MIN_BYTES = 16 * 1024;
/** Above this the limit no longer keeps a sign-in's memory small. */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * PROVIDER_RESPONSE_LIMIT: the largest answer read from a provider (discovery, token, userinfo,
 * JWKS, Graph and GitHub API), in bytes or with a `kb` / `mb` suffix (1kb = 1024 bytes); default 1mb.
 */
export function parseProviderResponseLimit(value: string | undefined, problems: string[]): number {
  if (value === undefined) return PROVIDER_RESPONSE_LIMIT;
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(value);
  const bytes = match ? Number(match[1]) * UNITS[(match[2] ?? '').toLowerCase()]! : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < MIN_BYTES || bytes > MAX_BYTES) {
    problems.push(
      `PROVIDER_RESPONSE_LIMIT must be a number of bytes from 16kb to 64mb, optionally with a kb or mb suffix such as 512kb or 1mb (got "${value}")`,
    );
    return PROVIDER_RESPONSE_LIMIT;
  }
  return bytes;
}
