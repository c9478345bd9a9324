import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Where to go after the provider's end-session page, carried through it in the `state` parameter
 * of RP-initiated logout: signed with SESSION_SECRET and short-lived, so nobody can turn
 * /auth/logged-out into an open redirect. The target itself was already validated (returnTo rules).
 */
export function signLogoutState(returnTo: string, secret: string, expiresAt: number): string {
  const payload = Buffer.from(JSON.stringify({ r: returnTo, e: expiresAt })).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

/** The signed target, or undefined when the state is missing, forged or expired. */
export function verifyLogoutState(state: unknown, secret: string, now: number): string | undefined {
  if (typeof state !== 'string' || state.length > 4096) return undefined;
  const [payload, signature, extra] = state.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(payload, secret));
  const actual = Buffer.from(signature);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
  try {
    const { r, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { r?: unknown; e?: unknown };
    return typeof r === 'string' && typeof e === 'number' && e > now ? r : undefined;
  } catch {
    return undefined;
  }
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`logout-state:${payload}`).digest('base64url');
}
