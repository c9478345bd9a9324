import { createHash } from 'node:crypto';

import { demoUsers } from '../accounts.js';
import type { FakeGitHubUser, FakeProvider, FakeUser } from './types.js';

/** Fixed credentials and ports for `pnpm dev` with DEV_FAKES=on (the BFF's config uses the same values). */
export const fakeDefaults = {
  facebook: { port: 4001, clientId: '1234567890123456', clientSecret: 'fake-facebook-secret' },
  github: { port: 4002, clientId: 'Iv1.fakegithubclient', clientSecret: 'fake-github-secret' },
  simplelogin: { port: 4003, clientId: 'sso-dev-app-fake-simplelogin', clientSecret: 'fake-simplelogin-secret' },
  google: { port: 4004, clientId: 'fake-google-client.apps.googleusercontent.com', clientSecret: 'fake-google-secret' },
} as const;

const [alice, bob, carol] = demoUsers.map((user): FakeUser => ({ ...user })) as [FakeUser, FakeUser, FakeUser];

/** Each provider's default users: the demo users, reshaped into the cases that provider's adapter must handle. */
export const fakeUsers: { facebook: FakeUser[]; github: FakeGitHubUser[]; simplelogin: FakeUser[]; google: FakeUser[] } = {
  // Facebook only ever exposes confirmed emails, and some accounts (phone sign-ups) have none.
  facebook: [
    { ...alice, emailVerified: true },
    { ...bob, emailVerified: true },
    { ...carol, email: null, emailVerified: false, avatar: true },
  ],
  github: [
    { ...alice, avatar: true, publicEmail: true },
    // No public email; a verified non-primary address is listed first.
    { ...bob, emailVerified: true, avatar: true, otherEmails: [{ email: 'bob.builder@old.example.com', verified: true }] },
    // No display name (adapters fall back to the login); the primary email is unverified.
    { ...carol, name: null, emailVerified: false, avatar: true },
  ],
  // SimpleLogin hands out an alias unless the user picks the real address; it always says "verified".
  simplelogin: [
    { ...alice, email: 'alice.wonder@simplelogin.co' },
    { ...bob, email: 'bob.builder@aleeas.com', emailVerified: true },
    { ...carol },
  ],
  google: [{ ...alice }, { ...bob }, { ...carol }],
};

/** Wire ids of the default users, shaped like each provider's. */
const KNOWN_IDS: Record<FakeProvider, Record<string, string>> = {
  facebook: { alice: '10223344556677889', bob: '10229876543210123', carol: '10211122233344455' },
  github: { alice: '583231', bob: '1024025', carol: '9919' },
  simplelogin: { alice: '48213', bob: '48214', carol: '48215' },
  google: { alice: '109876543210987654321', bob: '110248495921238986420', carol: '117023458912345678901' },
};

/** Digits of a derived id, and a leading digit, per provider (Facebook ids are 17 digits, Google subs 21). */
const SHAPE: Record<FakeProvider, { prefix: string; digits: number }> = {
  facebook: { prefix: '10', digits: 15 },
  github: { prefix: '7', digits: 7 },
  simplelogin: { prefix: '5', digits: 5 },
  google: { prefix: '1', digits: 20 },
};

/**
 * The id a fake puts on the wire for a user: Facebook `id`, GitHub numeric `id`, SimpleLogin `id`/`sub`,
 * Google `sub`. Known demo handles have fixed ids, numeric handles are used as they are, and any other
 * handle gets a stable number derived from it (the same across restarts).
 */
export function fakeAccountId(provider: FakeProvider, userId: string): string {
  const known = KNOWN_IDS[provider][userId];
  if (known) return known;
  if (/^[1-9]\d{0,20}$/.test(userId)) return userId;
  const { prefix, digits } = SHAPE[provider];
  const hash = createHash('sha256').update(`${provider}:${userId}`).digest();
  let out = '';
  for (let i = 0; out.length < digits; i += 1) out += String((hash[i % hash.length] ?? 0) % 10);
  return prefix + out;
}
