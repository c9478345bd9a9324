import type { DemoUser } from './accounts.js';
import { escapeHtml } from './html.js';

/** Up to two initials from the user's name ("Alice Liddell" → "AL"). */
export function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0]?.toUpperCase() ?? '');
  return letters.join('') || '?';
}

/** A stable hue per user, so the same user always gets the same colour. */
function hueFor(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return hash;
}

/** The user's avatar: initials on a coloured circle, as an SVG document. */
export function avatarSvg(user: Pick<DemoUser, 'id' | 'name'>): string {
  const hue = hueFor(user.id);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128" role="img" aria-label="${escapeHtml(user.name)}">
<circle cx="64" cy="64" r="64" fill="hsl(${hue}, 55%, 45%)"/>
<text x="64" y="64" dy=".35em" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="52" font-weight="600" fill="#fff">${escapeHtml(initials(user.name))}</text>
</svg>
`;
}
