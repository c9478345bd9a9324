/**
 * The lifetime given to an access token whose answer has no usable `expires_in` (RFC 6749 §5.1
 * makes it optional): one hour, what Google, SimpleLogin and oidc-provider issue. Without it such
 * a token would count as valid for as long as the session lives and would never be refreshed.
 */
export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 60 * 60;

/** When an access token expires (epoch ms): `expiresIn` seconds from `now`, or the default lifetime. */
export function accessTokenExpiresAt(expiresIn: number | undefined, now: number): number {
  const usable = typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn >= 0;
  return now + (usable ? expiresIn : DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS) * 1000;
}
