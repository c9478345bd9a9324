import { createHash } from 'node:crypto';

export type PkceMethod = 'S256' | 'plain';

/** What an authorization request bound its code to (RFC 7636 §4.3). */
export interface PkceChallenge {
  challenge: string;
  method: PkceMethod;
}

/** RFC 7636 §4.1: 43–128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Whether `verifier` answers the challenge the code was bound to (RFC 7636 §4.6). */
export function verifierMatches(bound: PkceChallenge, verifier: string | null): boolean {
  if (verifier === null || !VERIFIER.test(verifier)) return false;
  const computed = bound.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return computed === bound.challenge;
}
