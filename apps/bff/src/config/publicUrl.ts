import type { Env } from './schema.js';
import { checkScheme, parseUrl } from './urls.js';

/** PUBLIC_URL: the origin the browser sees (Vite's in development, the BFF's own port in production). */
export function parsePublicUrl(env: Env, problems: string[]): URL | undefined {
  const fallback = env.NODE_ENV === 'production' ? `http://localhost:${env.PORT}` : 'http://localhost:5173';
  const url = parseUrl('PUBLIC_URL', env.PUBLIC_URL ?? fallback, problems);
  if (!url) return undefined;
  checkScheme('PUBLIC_URL', url, problems);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    problems.push(`PUBLIC_URL must be an origin such as https://app.example.com, without a path (got "${env.PUBLIC_URL}")`);
  }
  return new URL(url.origin);
}
