// RFC 9110 §10.2.3: `Retry-After: 120` (delta-seconds) or `Retry-After: Fri, 31 Dec 1999 23:59:59 GMT`.
const DELTA_SECONDS = /^\d+$/;
// An HTTP-date starts with the day's name in all three of its forms (IMF-fixdate, RFC 850, asctime);
// anything else is refused rather than handed to Date.parse, which reads almost any string as a date.
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /;

/** How long to wait before trying again when a 503 did not say (the BFF's own default). */
const DEFAULT_SECONDS = 5;
/** Waits are never shorter, so a `Retry-After: 0` cannot make a page hammer the BFF. */
const MIN_SECONDS = 1;
/** Nor longer, so a page comes back within half a minute of the service. */
const MAX_SECONDS = 30;

/**
 * A `Retry-After` header as whole seconds from `now`: delta-seconds as given, an HTTP-date as the
 * seconds until then (0 when it is past); undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (DELTA_SECONDS.test(text)) return Number(text);
  if (!HTTP_DATE.test(text)) return undefined;
  // asctime has no zone; RFC 9110 §5.6.7: every HTTP-date is UTC.
  const at = Date.parse(/GMT$/.test(text) ? text : `${text} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Milliseconds to wait before the `attempt`-th (from 0) automatic retry after "temporarily
 * unavailable": the server's `retryAfter` (seconds), doubled with each attempt that failed again,
 * and kept between 1 and 30 seconds.
 */
export function retryDelayMs(retryAfter: number | undefined, attempt: number): number {
  const base = Math.max(retryAfter ?? DEFAULT_SECONDS, MIN_SECONDS);
  return Math.min(base * 2 ** Math.max(attempt, 0), MAX_SECONDS) * 1000;
}
