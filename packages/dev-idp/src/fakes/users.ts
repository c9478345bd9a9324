import type { RouterContext } from '@koa/router';

import { avatarSvg } from '../avatars.js';
import { sendText } from '../respond.js';
import type { FakeUser } from './types.js';

/** A fake's users: a private copy of the ones it was started with, changeable through `updateUser`. */
export class UserDirectory<U extends FakeUser = FakeUser> {
  private readonly users: U[];

  constructor(users: readonly U[]) {
    this.users = users.map((user) => structuredClone(user));
    const ids = new Set(this.users.map((user) => user.id));
    if (ids.size !== this.users.length) throw new Error('fake users must have distinct ids');
  }

  list(): readonly U[] {
    return this.users;
  }

  get(id: string): U | undefined {
    return this.users.find((user) => user.id === id);
  }

  /** Applies a profile change; the id itself cannot change (it is what the relying party keys on). */
  update(id: string, patch: Partial<FakeUser>): void {
    const user = this.get(id);
    if (!user) throw new Error(`no fake user with id "${id}"`);
    if (patch.id !== undefined && patch.id !== id) throw new Error('a fake user id cannot change');
    Object.assign(user, patch);
  }
}

/** A grey head-and-shoulders placeholder, for providers that always hand out a picture URL. */
const SILHOUETTE = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128" role="img" aria-label="No picture">
<rect width="128" height="128" fill="#d1d5db"/>
<circle cx="64" cy="50" r="24" fill="#f9fafb"/>
<path d="M20 128c0-26 20-42 44-42s44 16 44 42z" fill="#f9fafb"/>
</svg>
`;

export const avatarPath = (userId: string) => `/avatars/${encodeURIComponent(userId)}.svg`;

/**
 * GET /avatars/:id.svg: the user's picture. With `placeholder`, users without a picture get a
 * silhouette (Facebook and GitHub always return a picture URL); otherwise they get a 404.
 */
export function serveAvatar(users: UserDirectory, placeholder: boolean) {
  return (ctx: RouterContext): void => {
    const user = users.get(ctx.params.id ?? '');
    if (!user || (!user.avatar && !placeholder)) return sendText(ctx, 404, 'Not Found');
    const svg = user.avatar ? avatarSvg({ id: user.id, name: user.name ?? user.id }) : SILHOUETTE;
    sendText(ctx, 200, svg, {
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'public, max-age=3600',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
    });
  };
}
