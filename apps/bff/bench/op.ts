import { randomBytes } from 'node:crypto';
import { startHostileIdp, type HostileIdp } from '../test/support/hostile/idp.js';

export const CLIENT_ID = 'bff-bench';

/** The profile every ID token carries, so that an RP needs no userinfo call to show the user. */
export const PROFILE_CLAIMS = {
  name: 'Bench User',
  email: 'bench@example.test',
  email_verified: true,
  picture: 'https://example.test/a.png',
};

export interface BenchOp {
  idp: HostileIdp;
  clientId: string;
  clientSecret: string;
}

/**
 * The one cheap OpenID Provider of the run, in the bench process (node:http, no pages: authorize
 * redirects straight back with a code; PKCE and client authentication checked; RS256 ID tokens),
 * so that a sign-in's provider-side cost is not the measured server's. Every RP is one client with
 * all their redirect URIs; every sign-in is the same subject (the OP has one).
 */
export async function startBenchOp(redirectUris: string[]): Promise<BenchOp> {
  const clientSecret = randomBytes(24).toString('base64url');
  const idp = await startHostileIdp({ clientId: CLIENT_ID, clientSecret, redirectUris });
  idp.script({ idToken: PROFILE_CLAIMS });
  return { idp, clientId: CLIENT_ID, clientSecret };
}
