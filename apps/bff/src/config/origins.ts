import { checkScheme, parseUrl } from './urls.js';

/** The last two labels of a host name: a rough "site" (no public-suffix list is consulted). */
function roughSite(hostname: string): string {
  return hostname.split('.').slice(-2).join('.');
}

/**
 * FRONTEND_ORIGINS: other frontends allowed to call the API with credentials (CORS) and to be a
 * sign-in's returnTo. Each must be a bare origin. The session cookie is SameSite=Strict, so a
 * frontend on another *site* would never send it: that is reported as a warning.
 */
export function parseFrontendOrigins(value: string | undefined, publicUrl: URL, problems: string[], warnings: string[]): string[] {
  if (!value) return [];
  const origins: string[] = [];
  for (const raw of value.split(/[\s,]+/).filter(Boolean)) {
    const url = parseUrl('FRONTEND_ORIGINS', raw, problems);
    if (!url) continue;
    checkScheme(`FRONTEND_ORIGINS entry ${raw}`, url, problems);
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
      problems.push(`FRONTEND_ORIGINS entries must be origins such as https://app.example.com, without a path (got "${raw}")`);
      continue;
    }
    if (url.origin === publicUrl.origin) continue;
    if (publicUrl.protocol === 'https:' && url.protocol !== 'https:') {
      problems.push(`FRONTEND_ORIGINS entry ${raw} must use https:// like PUBLIC_URL (cookies are Secure)`);
    }
    if (roughSite(url.hostname) !== roughSite(publicUrl.hostname)) {
      warnings.push(
        `FRONTEND_ORIGINS entry ${url.origin} looks like another site than PUBLIC_URL (${publicUrl.origin}): browsers will not send the SameSite=Strict session cookie from there`,
      );
    }
    origins.push(url.origin);
  }
  return [...new Set(origins)];
}
