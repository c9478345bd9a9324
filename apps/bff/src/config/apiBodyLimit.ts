/** API_BODY_LIMIT's default: 1 MiB. */
export const DEFAULT_API_BODY_LIMIT = 1024 * 1024;

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 * 1024 };

/**
 * API_BODY_LIMIT: the largest request body the API proxy forwards, in bytes, or with a `kb` / `mb`
 * suffix (binary: 1kb = 1024 bytes), e.g. `1048576`, `512kb`, `1mb`. Anything larger gets 413.
 */
export function parseApiBodyLimit(value: string | undefined, problems: string[]): number {
  if (value === undefined) return DEFAULT_API_BODY_LIMIT;
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(value);
  const bytes = match ? Number(match[1]) * UNITS[(match[2] ?? '').toLowerCase()]! : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    problems.push(`API_BODY_LIMIT must be a positive number of bytes, or with a kb or mb suffix such as 512kb or 1mb (got "${value}")`);
    return DEFAULT_API_BODY_LIMIT;
  }
  return bytes;
}
