// The BFF's sign-in URLs. Both are full-page navigations: the BFF sends the browser on to the provider.

/** Where the BFF sends the user back to after linking another account (see ProfilePage's notices). */
export const LINK_RETURN_TO = '/profile';

/** `loginUrl` with extra query parameters, whether or not it already has a query. */
function withQuery(loginUrl: string, query: string): string {
  const separator = loginUrl.includes('?') ? '&' : '?';
  return `${loginUrl}${separator}${query}`;
}

/** The BFF's login URL for a provider, asking it to send the user back to `returnTo` afterwards. */
export function loginHref(loginUrl: string, returnTo: string): string {
  return withQuery(loginUrl, `returnTo=${encodeURIComponent(returnTo)}`);
}

/**
 * The BFF's login URL that connects the provider's account to the signed-in user instead of starting
 * a new session; it comes back to `/profile?linked=<id>` or `/profile?error=<code>`.
 */
export function linkHref(loginUrl: string): string {
  return withQuery(loginUrl, `intent=link&returnTo=${encodeURIComponent(LINK_RETURN_TO)}`);
}
