/** Extra choices for a sign-in URL. */
export interface LoginUrlOptions {
  /** `link`: while signed in, connect the provider's account to this user instead of a new sign-in. */
  intent?: 'link';
}

/**
 * `loginUrl` (the BFF's `/auth/login/:provider`, as `GET /auth/providers` lists it) with `returnTo`
 * and `intent` added, whether or not it already has a query. `returnTo` is only encoded here: the
 * BFF decides whether it is allowed (a path, or an absolute URL of an allowed frontend origin).
 */
export function withLoginParams(loginUrl: string, returnTo?: string, options: LoginUrlOptions = {}): string {
  const params: string[] = [];
  if (returnTo !== undefined) params.push(`returnTo=${encodeURIComponent(returnTo)}`);
  if (options.intent) params.push(`intent=${encodeURIComponent(options.intent)}`);
  if (params.length === 0) return loginUrl;
  return `${loginUrl}${loginUrl.includes('?') ? '&' : '?'}${params.join('&')}`;
}
