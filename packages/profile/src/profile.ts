// zod/mini: the same schemas with a tree-shakable API, so the SPA's bundle stays small.
import { z } from 'zod/mini';

/** The signed-in user as every provider is normalized to. Identity is provider + subject, never email. */
export const ProfileSchema = z.object({
  /** Our own, stable user id. */
  id: z.string(),
  /** The provider id this profile came from (e.g. "dev", "oidc"). */
  provider: z.string(),
  /** The provider's immutable subject for this user. */
  subject: z.string(),
  name: z.nullable(z.string()),
  email: z.nullable(z.string()),
  /** Whether the provider vouches for the email; null when the provider does not say. */
  emailVerified: z.nullable(z.boolean()),
  avatarUrl: z.nullable(z.string()),
});
export type Profile = z.infer<typeof ProfileSchema>;

/** One entry of `GET /auth/providers`. */
export const ProviderSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  loginUrl: z.string(),
});
export type ProviderSummary = z.infer<typeof ProviderSummarySchema>;
export const ProviderListSchema = z.array(ProviderSummarySchema);

/** `GET /auth/me`. */
/**
 * One API_ROUTES entry as this session sees it, so a frontend offers only what will work: the
 * BFF forwards calls under `prefix` with the session's access token when `available`.
 */
export const ApiAccessSchema = z.object({
  prefix: z.string(),
  methods: z.array(z.string()),
  /** Provider ids whose sessions may use it; null when any may. */
  providers: z.nullable(z.array(z.string())),
  /** Whether this session's provider may use it (otherwise calls get `403 provider_not_allowed`). */
  available: z.boolean(),
});
export type ApiAccess = z.infer<typeof ApiAccessSchema>;

export const MeResponseSchema = z.object({
  user: ProfileSchema,
  provider: z.string(),
  /** When the session ends if nothing else happens (ISO 8601): the earlier of the two below. */
  expiresAt: z.string(),
  /** The absolute end, however active the user is (ISO 8601). */
  absoluteExpiresAt: z.string(),
  /** The end by inactivity, moved on by every call (ISO 8601). */
  idleExpiresAt: z.string(),
  /** The proxied APIs (API_ROUTES) and whether this session can use each. */
  apis: z.array(ApiAccessSchema),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

/** `POST /auth/logout`. */
export const LogoutResponseSchema = z.object({
  redirectTo: z.string(),
});
export type LogoutResponse = z.infer<typeof LogoutResponseSchema>;

/** One provider account connected to the signed-in user (`GET /auth/identities`). */
export const IdentitySchema = z.object({
  provider: z.string(),
  /** The provider's display name, e.g. "GitHub". */
  providerName: z.string(),
  subject: z.string(),
  name: z.nullable(z.string()),
  email: z.nullable(z.string()),
  emailVerified: z.nullable(z.boolean()),
  avatarUrl: z.nullable(z.string()),
  /** When this account was connected (ISO 8601). */
  linkedAt: z.string(),
  /** When it was last used to sign in (ISO 8601). */
  lastLoginAt: z.string(),
  /** Whether the current session signed in with this account. */
  current: z.boolean(),
});
export type Identity = z.infer<typeof IdentitySchema>;
export const IdentityListSchema = z.array(IdentitySchema);

/** One of the user's signed-in sessions (`GET /auth/sessions`): "signed-in devices". */
export const SessionInfoSchema = z.object({
  /** A public handle for revoking it, not the session cookie's value. */
  id: z.string(),
  provider: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  /** Whether this is the session making the call. */
  current: z.boolean(),
  userAgent: z.nullable(z.string()),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;
export const SessionListSchema = z.array(SessionInfoSchema);
