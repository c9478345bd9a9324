import { randomToken } from './random.js';
import type { ProviderTokens } from '../providers/types.js';
import { sessionRowId } from '../store/sessionId.js';
import type { TokenCipher } from './tokenCipher.js';

/** What a signed-in session holds. It lives in the store; the cookie holds only the session id. */
export interface SessionData {
  userId: string;
  provider: string;
  subject: string;
  /** A random handle for this session that is safe to show ("signed-in devices"). */
  publicId: string;
  /** The provider's session id (ID token `sid`), for back-channel logout; null when none. */
  sid: string | null;
  createdAt: number;
  /** Absolute end of the session, epoch ms. */
  expiresAt: number;
  /** Last activity, epoch ms: the idle timeout counts from here. */
  lastSeenAt: number;
  userAgent: string | null;
  /** Kept on the server for calls on the user's behalf; never sent to the browser. */
  tokens: ProviderTokens;
}

export interface SessionTiming {
  /** Absolute lifetime, seconds. */
  lifetimeSeconds: number;
  /** Idle timeout, seconds. */
  idleSeconds: number;
}

/** Where this request's session keeps its tokens in the store: for a refresh's compare-and-swap. */
export interface SessionTokensRef {
  /** The session id (the cookie's value; the store hashes it). */
  key: string;
  /** The version of the tokens this request loaded. */
  version: number;
}

/**
 * Opens sealed tokens of the session `sessionId` (sealed with its row id as additional data).
 * Undefined when they cannot be opened (a secret that is no longer configured): that session ends.
 */
export function openSessionTokens(cipher: TokenCipher, sessionId: string, sealed: string): ProviderTokens | undefined {
  const json = cipher.open(sealed, sessionRowId(sessionId));
  return json === undefined ? undefined : (JSON.parse(json) as ProviderTokens);
}

export function sealSessionTokens(cipher: TokenCipher, sessionId: string, tokens: ProviderTokens): string {
  return cipher.seal(JSON.stringify(tokens), sessionRowId(sessionId));
}

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-sso.sid' : 'sso.sid';
}

export function isSignedIn(data: unknown): data is SessionData {
  const d = data as Partial<SessionData> | null | undefined;
  return (
    typeof d?.userId === 'string' &&
    typeof d.provider === 'string' &&
    typeof d.subject === 'string' &&
    typeof d.expiresAt === 'number' &&
    typeof d.lastSeenAt === 'number' &&
    typeof d.publicId === 'string'
  );
}

/** When the session ends: at its absolute end, or after the idle timeout, whichever comes first. */
export function sessionEndsAt(data: SessionData, timing: SessionTiming): number {
  return Math.min(data.expiresAt, data.lastSeenAt + timing.idleSeconds * 1000);
}

/** A new session's data. */
export function newSession(
  input: Omit<SessionData, 'publicId' | 'createdAt' | 'expiresAt' | 'lastSeenAt'>,
  now: number,
  timing: SessionTiming,
): SessionData {
  return {
    ...input,
    publicId: randomToken(16),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + timing.lifetimeSeconds * 1000,
  };
}
