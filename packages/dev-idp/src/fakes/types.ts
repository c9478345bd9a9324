/** The one app registered at a fake provider. */
export interface FakeClient {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs; https required except for loopback hosts (as the real providers require). */
  redirectUris: string[];
}

/**
 * A person who can sign in at a fake. `id` is the handle on the sign-in page (button value) and the
 * key for `updateUser`; each fake derives its own wire id from it (see `fakeAccountId`).
 */
export interface FakeUser {
  id: string;
  name: string | null;
  email: string | null;
  emailVerified: boolean;
  /** Whether the user has a picture (served by the fake at `/avatars/<id>.svg`). */
  avatar: boolean;
}

export interface FakeOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Listen address and host of `url`; default '127.0.0.1'. */
  host?: string;
  client: FakeClient;
  /** Default: the provider's own set derived from the demo users (`fakeUsers`). */
  users?: FakeUser[];
  /** Default: no logging. Never receives secrets, codes or tokens. */
  logger?: (msg: string) => void;
  /** Epoch milliseconds; tests inject a clock to expire codes and tokens without sleeping. */
  now?: () => number;
}

export interface FakeServer {
  /** Base URL, http://host:port, no trailing slash. For the OIDC fakes it is also the issuer. */
  url: string;
  /** Change a user's profile (tests check that a returning user's profile is refreshed). */
  updateUser(id: string, patch: Partial<FakeUser>): void;
  /** Stops listening and drops open connections; safe to call twice. */
  close(): Promise<void>;
}

export type FakeProvider = 'facebook' | 'github' | 'simplelogin' | 'google';

/** GitHub knows more about emails than FakeUser says; both fields are optional. */
export interface FakeGitHubUser extends FakeUser {
  /** Whether `email` (the primary address) is the profile's public email; default false. */
  publicEmail?: boolean;
  /** Further, non-primary addresses listed (before the primary) by `/user/emails`. */
  otherEmails?: Array<{ email: string; verified: boolean }>;
}
