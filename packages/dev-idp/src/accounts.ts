import type { Account, FindAccount } from 'oidc-provider';

/** A demo user the Dev IdP can sign in as. */
export interface DemoUser {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  /** Whether the user has a picture (served at `/avatars/<id>.svg`). */
  avatar: boolean;
}

/** The default demo users: one of each shape the BFF must handle (verified, unverified, no picture). */
export const demoUsers: DemoUser[] = [
  { id: 'alice', name: 'Alice Liddell', email: 'alice@example.com', emailVerified: true, avatar: true },
  { id: 'bob', name: 'Bob Builder', email: 'bob@example.com', emailVerified: false, avatar: true },
  { id: 'carol', name: 'Carol Danvers', email: 'carol@example.com', emailVerified: true, avatar: false },
];

/** Finds a demo user by id or email, ignoring case and surrounding spaces (what a person would type). */
export function lookupUser(users: readonly DemoUser[], typed: string): DemoUser | undefined {
  const wanted = typed.trim().toLowerCase();
  if (!wanted) return undefined;
  return users.find((user) => user.id.toLowerCase() === wanted || user.email.toLowerCase() === wanted);
}

/** The URL of a user's avatar, or undefined when the user has no picture. */
export function avatarUrl(issuer: string, user: DemoUser): string | undefined {
  return user.avatar ? `${issuer}/avatars/${encodeURIComponent(user.id)}.svg` : undefined;
}

/** oidc-provider's `findAccount`: maps a `sub` to the demo user's claims; the provider filters them by scope. */
export function createFindAccount(issuer: string, users: readonly DemoUser[]): FindAccount {
  return (_ctx, sub): Account | undefined => {
    const user = users.find((candidate) => candidate.id === sub);
    if (!user) return undefined;
    const picture = avatarUrl(issuer, user);
    return {
      accountId: user.id,
      claims: () => ({
        sub: user.id,
        name: user.name,
        email: user.email,
        email_verified: user.emailVerified,
        // Omitted, not null, when there is no picture: the BFF must handle an absent claim.
        ...(picture ? { picture } : {}),
      }),
    };
  };
}
