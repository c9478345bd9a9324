import type { Logger } from '../logger.js';
import type { IdentityInput } from '../store/types.js';

/** Tokens kept on the server, in the session; never sent to the browser. */
export interface ProviderTokens {
  accessToken: string;
  refreshToken: string | null;
  idToken: string | null;
  /** Epoch ms, when the provider says. */
  expiresAt: number | null;
}

/** What the redirect to the provider needs us to remember until the callback. */
export interface LoginStart {
  url: URL;
  codeVerifier: string | null;
  nonce: string | null;
}

export interface LoginFinishInput {
  /** The full callback URL (PUBLIC_URL + path + query), as the provider redirected the browser. */
  callbackUrl: URL;
  state: string;
  codeVerifier: string | null;
  nonce: string | null;
  /** The request's logger, so that the adapter's lines carry the request id. */
  log?: Logger;
}

export interface SignedInIdentity {
  identity: IdentityInput;
  tokens: ProviderTokens;
  /** The provider's session id (ID token `sid`), when it has one: back-channel logout names it. */
  sid: string | null;
}

/**
 * One sign-in provider. Adapters translate every library or provider error into an AppError with
 * one of our codes (keeping the original as `cause`); nothing above them sees a raw library error.
 */
export interface AuthProvider {
  readonly id: string;
  readonly name: string;
  /** Origins this provider serves pictures from, for the Content-Security-Policy's img-src. */
  readonly imageOrigins: string[];
  startLogin(input: { state: string; redirectUri: string }): Promise<LoginStart>;
  finishLogin(input: LoginFinishInput): Promise<SignedInIdentity>;
  /**
   * RP-initiated logout: the provider's end_session_endpoint, or null when it has none (Google,
   * GitHub, Facebook). What is sent there, and how, is decided by auth/endSessionRequest.ts.
   */
  endSessionEndpoint?(): Promise<URL | null>;
  /** Back-channel logout: verifies a logout token and says whose sessions end. */
  verifyLogoutToken?(token: string): Promise<{ subject?: string; sid?: string }>;
  /** What is known of the provider's reachability, without calling it (readiness reports it). */
  health?(): { status: 'ok' | 'unknown' | 'down'; detail?: string };
  /** New tokens from a refresh token; throws AppError(unauthenticated) when the grant is dead. */
  refresh?(refreshToken: string): Promise<ProviderTokens>;
}
