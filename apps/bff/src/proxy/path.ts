import type { ApiRoute } from '../config/index.js';
import { AppError, ErrorCode } from '../errors.js';

/**
 * How many rounds of percent-decoding a segment may need. Each round that changes something is
 * one more layer of encoding (`%25252e` → `%252e` → `%2e` → `.`); no client needs this many, and
 * the cap keeps a crafted path from costing a decode per byte.
 */
const MAX_DECODE_ROUNDS = 4;

/** Runs of %XX, decoded together so that multi-byte UTF-8 stays one character. A lone `%` is left as it is. */
const ENCODED = /(?:%[0-9A-Fa-f]{2})+/g;

/**
 * A segment that is harmful once some server down the line decodes it, however many times:
 * `/`, `\` (a separator to Windows servers and to the URL parser itself), `;` (path parameters:
 * `/..;/` is `..` to Tomcat, Jetty and Spring), and control characters (NUL ends strings in C).
 */
// eslint-disable-next-line no-control-regex -- control characters are among what this refuses
const FORBIDDEN = /[/\\;\u0000-\u001f\u007f]/;

class Refused extends Error {}

const refuse = (detail: string): never => {
  throw new AppError(ErrorCode.BadRequest, { detail: `path refused: ${detail}` });
};

/** One round of percent-decoding; invalid UTF-8 (such as the overlong `%c0%ae` for `.`) is refused. */
function decodeOnce(segment: string): string {
  return segment.replace(ENCODED, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      throw new Refused('invalid percent-encoding');
    }
  });
}

/** A segment decoded until nothing changes (at most MAX_DECODE_ROUNDS rounds). */
function fullyDecoded(segment: string): string {
  let current = segment;
  for (let round = 0; round <= MAX_DECODE_ROUNDS; round++) {
    const next = decodeOnce(current);
    if (next === current) return current;
    current = next;
  }
  throw new Refused('too many layers of percent-encoding');
}

/**
 * Refuses (400 bad_request) a path after a route's prefix that could leave the upstream's base
 * at the upstream, or at anything between us and it, whichever way they decode it: `.` and `..`
 * segments, `;`, `\`, control characters and encoded slashes, each also percent-encoded any
 * number of times. `rest` is the raw (still encoded) path after the prefix: '' or '/…'.
 */
export function checkRest(rest: string): void {
  try {
    // The first element is what precedes the first `/`: empty by construction (matchRoute).
    for (const raw of rest.split('/').slice(1)) {
      const segment = fullyDecoded(raw);
      if (segment === '.' || segment === '..') throw new Refused('a dot segment');
      if (FORBIDDEN.test(segment)) throw new Refused('an encoded slash, a backslash, a ";" or a control character');
    }
  } catch (err) {
    if (err instanceof Refused) refuse(err.message);
    throw err;
  }
}

/** The upstream's base path without a trailing slash ('' for an upstream at its origin's root). */
const basePath = (upstream: URL) => upstream.pathname.replace(/\/+$/, '');

/** Whether `url` is the upstream's base or below it, on the upstream's origin. */
export function isWithinBase(url: URL, upstream: URL): boolean {
  const base = basePath(upstream);
  return url.origin === upstream.origin && (url.pathname === base || url.pathname.startsWith(`${base}/`));
}

/**
 * The URL a call goes to: the route's upstream, the raw rest of the path, the query. Refuses a
 * rest that {@link checkRest} refuses, and, as a last line, any URL that once parsed (the URL
 * parser resolves dot segments of its own) no longer starts with the upstream's base.
 */
export function upstreamUrl(route: ApiRoute, rest: string, search: string): URL {
  checkRest(rest);
  let url: URL;
  try {
    url = new URL(`${route.upstream.origin}${basePath(route.upstream)}${rest}${search}`);
  } catch {
    return refuse('not a URL');
  }
  if (!isWithinBase(url, route.upstream)) refuse('outside the upstream’s base');
  return url;
}
