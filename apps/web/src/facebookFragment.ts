/**
 * Facebook appends `#_=_` to the URL it redirects back to, and browsers keep a fragment across the
 * BFF's 302s, so the SPA can start at `/profile#_=_`. Only that exact fragment is Facebook's litter;
 * any other fragment is someone's and stays.
 */
const FACEBOOK_FRAGMENT = '#_=_';

/** The part of `window.location` this needs. */
export interface UrlParts {
  pathname: string;
  search: string;
  hash: string;
}

/** The URL to replace the current one with (path and query, no fragment), or `null` to leave it alone. */
export function withoutFacebookFragment({ pathname, search, hash }: UrlParts): string | null {
  return hash === FACEBOOK_FRAGMENT ? `${pathname}${search}` : null;
}
