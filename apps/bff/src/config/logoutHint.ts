/**
 * What identifies the user to a provider's end-session endpoint instead of the ID token, per
 * provider id. RP-Initiated Logout 1.0 §2 leaves `logout_hint`'s meaning to the provider ("an
 * email address, phone number, username, or session identifier"), so the operator says which of
 * ours it expects: the user's `sub`, or the provider session's `sid` (ID token claim).
 */
export type LogoutHint = 'sub' | 'sid';

const VALUES = ['off', 'sub', 'sid'] as const;

/**
 * OIDC_LOGOUT_HINT (the generic OIDC provider): `off` (default) sends the ID token as
 * `id_token_hint` through the BFF's auto-submitting form; `sub` or `sid` sends `client_id` +
 * `logout_hint` in a plain redirect instead, with no token at all.
 */
export function parseLogoutHints(
  value: string | undefined,
  providerIds: readonly string[],
  problems: string[],
): Record<string, LogoutHint> {
  const setting = (value ?? 'off').trim().toLowerCase() || 'off';
  if (!(VALUES as readonly string[]).includes(setting)) {
    problems.push(`OIDC_LOGOUT_HINT must be one of ${VALUES.join(', ')} (got "${setting.slice(0, 40)}")`);
    return {};
  }
  if (setting === 'off') return {};
  if (!providerIds.includes('oidc')) {
    problems.push(
      'OIDC_LOGOUT_HINT is set, but the generic OpenID Connect provider is not (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)',
    );
    return {};
  }
  return { oidc: setting as LogoutHint };
}
