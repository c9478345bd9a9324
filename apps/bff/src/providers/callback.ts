import { AppError, ErrorCode } from '../errors.js';

/** The parameters an OAuth 2.0 callback may carry once each (RFC 6749 §3.1: parameters MUST NOT repeat). */
const ONCE = ['code', 'state', 'error', 'iss'] as const;

/**
 * The callback's code, checked as openid-client checks it on the OIDC path: no parameter twice
 * (which `code` would a repeated one be? one of them may be an attacker's, RFC 9700 §4.5), the
 * provider's error redirect as our code, the state equal to the login's, and a code present.
 */
export function callbackCode(callbackUrl: URL, provider: string, expectedState: string): string {
  const params = callbackUrl.searchParams;
  for (const name of ONCE) {
    if (params.getAll(name).length > 1)
      throw new AppError(ErrorCode.InvalidResponse, { detail: `${provider} callback: "${name}" more than once` });
  }
  const refused = callbackError(params, provider);
  if (refused) throw refused;
  if (params.get('state') !== expectedState) throw new AppError(ErrorCode.InvalidState, { detail: `${provider} callback: state differs` });
  const code = params.get('code');
  if (!code) throw new AppError(ErrorCode.ProviderError, { detail: `${provider} callback: no code` });
  return code;
}

/**
 * The provider's error redirect (`?error=…`) as our code. Facebook adds `error_reason=user_denied`;
 * every provider uses `access_denied` for "the user said no".
 */
export function callbackError(params: URLSearchParams, provider: string): AppError | undefined {
  const error = params.get('error');
  if (!error) return undefined;
  const denied = error === 'access_denied' || error === 'deny' || params.get('error_reason') === 'user_denied';
  return new AppError(denied ? ErrorCode.AccessDenied : ErrorCode.ProviderError, {
    detail: `${provider} callback: error=${error.slice(0, 60)}${params.get('error_reason') ? ` reason=${params.get('error_reason')!.slice(0, 40)}` : ''}`,
  });
}

/** The redirect_uri the provider saw: the callback URL without its query and fragment. */
export function redirectUriOf(callbackUrl: URL): string {
  return `${callbackUrl.origin}${callbackUrl.pathname}`;
}
