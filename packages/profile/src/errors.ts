import { z } from 'zod/mini';

/**
 * Stable error codes of the BFF's HTTP API. They appear in JSON bodies (`{ "error": code }`) and in
 * the `error` query parameter of `/login?error=<code>` after a failed sign-in. Frontends switch on
 * them; never rename one, only add.
 */
export const ErrorCode = {
  /** No valid session (GET /auth/me and other session-only calls). */
  Unauthenticated: 'unauthenticated',
  /** A state-changing call without `X-CSRF: 1` (or from a foreign origin). */
  CsrfFailed: 'csrf_failed',
  /** The provider id in the URL is not configured. */
  UnknownProvider: 'unknown_provider',
  /** The callback's `state` matches no login in progress (tampered, or from another server). */
  InvalidState: 'invalid_state',
  /** The callback's `state` belonged to a login that was already completed (a replay). */
  LoginReplayed: 'login_replayed',
  /** The login took too long: the login transaction expired before the provider sent the user back. */
  LoginExpired: 'login_expired',
  /** The callback arrived without the browser cookie that started the login (another browser, or cookies blocked). */
  LoginCookieMissing: 'login_cookie_missing',
  /** The callback went to a different provider than the one the login started with (mix-up defence). */
  ProviderMismatch: 'provider_mismatch',
  /** The user refused the sign-in or consent at the provider. */
  AccessDenied: 'access_denied',
  /** The provider answered with an error, or the authorization code was rejected (expired or reused). */
  ProviderError: 'provider_error',
  /** The provider could not be reached. */
  ProviderUnavailable: 'provider_unavailable',
  /** What the provider sent failed validation (ID token signature, issuer, audience, nonce, subject…). */
  InvalidResponse: 'invalid_provider_response',
  /** Linking: that provider account already belongs to another user of this app. */
  IdentityInUse: 'identity_in_use',
  /** Unlinking: the user's only sign-in method cannot be removed. */
  LastIdentity: 'last_identity',
  /** Unlinking: the account this session signed in with cannot be removed from within it. */
  CurrentIdentity: 'current_identity',
  /** API proxy: the upstream API could not be reached. */
  UpstreamUnavailable: 'upstream_unavailable',
  /** API proxy: this route does not accept tokens from the provider this session signed in with. */
  ProviderNotAllowed: 'provider_not_allowed',
  /** API proxy: this method is not configured for this route. */
  MethodNotAllowed: 'method_not_allowed',
  /** The request itself is malformed. */
  BadRequest: 'bad_request',
  /** No such route. */
  NotFound: 'not_found',
  /** Too many requests from this address for now (429 with Retry-After). */
  RateLimited: 'rate_limited',
  /** API proxy: the request body is larger than the configured limit (413). */
  PayloadTooLarge: 'payload_too_large',
  /** The database cannot be reached right now (503 with Retry-After): try again, nothing was lost. */
  StoreUnavailable: 'store_unavailable',
  /** Something failed on our side; details are in the server log, never in the response. */
  Internal: 'internal_error',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const codes = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];
export const ErrorCodeSchema = z.enum(codes);

/**
 * Why a session ended, when it was not its own browser's doing: sent as `reason` next to
 * `401 unauthenticated` from `GET /auth/me`, once, at the ended session's next visit.
 */
export const SessionEndReason = {
  /** The user signed this device out from another one ("Signed-in devices"). */
  SignedOutElsewhere: 'signed_out_elsewhere',
} as const;
export type SessionEndReason = (typeof SessionEndReason)[keyof typeof SessionEndReason];

export const sessionEndMessages: Record<SessionEndReason, string> = {
  signed_out_elsewhere: 'You were signed out from another device.',
};

/** The JSON body of every error answer. */
export const ApiErrorSchema = z.object({
  error: ErrorCodeSchema,
  message: z.string(),
  /** With `unauthenticated` from `GET /auth/me`: why the session ended (a SessionEndReason). */
  reason: z.optional(z.string()),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Messages a person can read, one per code; the BFF sends them and the SPA shows them. */
export const errorMessages: Record<ErrorCode, string> = {
  unauthenticated: 'You are not signed in.',
  csrf_failed: 'The request was refused because it did not come from this application.',
  unknown_provider: 'That sign-in provider is not available.',
  invalid_state: 'The sign-in could not be verified. Please start again.',
  login_replayed: 'This sign-in link was already used. Please sign in again.',
  login_expired: 'The sign-in took too long and expired. Please try again.',
  login_cookie_missing: 'The sign-in was started in another browser or your browser blocked our cookie. Please try again here.',
  provider_mismatch: 'The sign-in came back from a different provider than the one you chose. Please try again.',
  access_denied: 'Sign-in was cancelled at the provider.',
  provider_error: 'The provider refused the sign-in. Please try again.',
  provider_unavailable: 'The sign-in provider cannot be reached right now. Please try again in a moment.',
  invalid_provider_response: 'The provider sent an answer that failed our security checks.',
  identity_in_use: 'That account is already connected to another user here. Sign in with it to use that user instead.',
  last_identity: 'This is your only way to sign in, so it cannot be disconnected.',
  current_identity: 'You are signed in with this account. Sign in with another connected account to disconnect it.',
  upstream_unavailable: 'The service behind this API cannot be reached right now. Please try again in a moment.',
  provider_not_allowed: 'This API does not accept sign-ins from the provider you used.',
  method_not_allowed: 'This API does not allow that method here.',
  bad_request: 'The request was not understood.',
  not_found: 'Not found.',
  rate_limited: 'Too many attempts from your network. Please wait a moment and try again.',
  payload_too_large: 'The request is too large.',
  store_unavailable: 'The service is temporarily unavailable. Please try again in a moment.',
  internal_error: 'Something went wrong on our side. Please try again.',
};

/**
 * Shown for a code we do not know. Codes arrive in URLs (`/login?error=…`) that anyone can write,
 * so an unknown one is neither echoed nor blamed on us: one neutral sentence.
 */
export const UNKNOWN_ERROR_MESSAGE = 'That did not work. Please try again.';

/** Whether `code` is one of ours (own keys only: "constructor" is not an error code). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorMessages, code);
}

/** The readable message for a code; an unknown code (a crafted link, a newer server) gets the neutral one. */
export function messageFor(code: string | null | undefined): string {
  return isErrorCode(code) ? errorMessages[code] : UNKNOWN_ERROR_MESSAGE;
}
