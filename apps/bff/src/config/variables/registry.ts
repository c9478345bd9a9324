import { z } from 'zod';

/**
 * The parts of the documentation, in order: a heading in `.env.example` (with an optional
 * introduction there) and the order of the README's configuration table.
 */
export const SECTIONS = {
  server: { title: 'Server' },
  rateLimits: { title: 'Rate limits' },
  sessions: { title: 'Sessions and sign-in' },
  frontends: { title: 'Other frontends and the API proxy' },
  storage: { title: 'Storage' },
  providers: {
    title: 'Built-in providers',
    intro:
      'Each is enabled by setting its client id AND secret (half a pair stops the start). Register the redirect URI PUBLIC_URL/auth/callback/<id> at the provider (ids: simplelogin, google, github, facebook). The *_ISSUER / *_URL variables point an adapter elsewhere (tests and fakes use them); their defaults are the real services. See README, "Providers".',
  },
  oidc: { title: 'A generic OpenID Connect provider (id "oidc")' },
  devIdp: { title: 'The local dev identity provider (development only)' },
} as const satisfies Record<string, { title: string; intro?: string }>;

export type Section = keyof typeof SECTIONS;

interface Shown {
  /**
   * What applies when the variable is unset, as a value (for defaults the code applies after the
   * schema); a schema `.default()` is read from the schema itself and needs none.
   */
  default?: string;
  /** Markdown for the README's Default column when the default depends on NODE_ENV or another variable. */
  defaultText?: string;
  /** Words after the default value, e.g. `8 h` for 28800 seconds. */
  defaultNote?: string;
  /** The value(s) `.env.example` shows; without one, the default, else empty. */
  example?: string | readonly string[];
  /** Holds a credential (marked so in the docs; examples are placeholders, never real values). */
  secret?: true;
  /** Left uncommented in `.env.example`: the lines a new user starts from. */
  set?: true;
}

/** A variable with a row of its own in the README and a comment of its own in `.env.example`. */
export interface VariableDoc extends Shown {
  section: Section;
  /** Markdown, one paragraph; `[text](#anchor)` links point into the README. */
  description: string;
  /** The start refuses to go on without it in production. */
  requiredInProduction?: true;
}

/** A variable documented in the row of another one (e.g. a client secret with its client id). */
export interface MemberDoc extends Omit<Shown, 'defaultText' | 'defaultNote'> {
  rowOf: string;
}

/** Every variable of the schema carries its documentation here: the docs are generated from it. */
export const docs = z.registry<VariableDoc | MemberDoc>();

/** A string variable: trimmed, and unset when empty. */
export const text = () =>
  z
    .string()
    .transform((v) => v.trim())
    .optional()
    .transform((v) => (v === '' ? undefined : v));

/** A whole, positive number of seconds. */
export const seconds = (fallback: number) =>
  z.coerce.number().int('must be a whole number of seconds').positive('must be positive').default(fallback);

/** A byte count as the size variables accept it: `1mb`, `512kb` or plain bytes. */
export function bytesText(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)}mb`;
  if (bytes % 1024 === 0) return `${bytes / 1024}kb`;
  return String(bytes);
}
