/**
 * After "Connect <provider>", the BFF sends the browser to `/profile?linked=<provider id>` or
 * `/profile?error=<code>`. The page shows that once and takes it out of the URL, so a reload or a
 * bookmark does not show it again.
 */
export interface LinkOutcome {
  /** The provider id that was just connected. */
  linked: string | null;
  /** Why connecting failed: an `ErrorCode` (or anything, since it comes from the URL). */
  error: string | null;
}

const PARAMS = ['linked', 'error'] as const;

/**
 * Reads the outcome from `params`, and returns the query to replace it with (`null` when there is
 * nothing to remove). `params` itself is not changed.
 */
export function takeLinkOutcome(params: URLSearchParams): { outcome: LinkOutcome; rest: URLSearchParams | null } {
  const outcome: LinkOutcome = {
    linked: params.get('linked') || null,
    error: params.get('error') || null,
  };
  if (!PARAMS.some((name) => params.has(name))) return { outcome, rest: null };
  const rest = new URLSearchParams(params);
  for (const name of PARAMS) rest.delete(name);
  return { outcome, rest };
}
