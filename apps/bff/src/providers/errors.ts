import * as client from 'openid-client';
import { AppError, ErrorCode } from '../errors.js';

/** Provider error values that mean "the user said no" (SimpleLogin sends the non-standard `deny`). */
const DENIED = new Set(['access_denied', 'deny', 'consent_required', 'login_required', 'interaction_required']);

/** The ClientError codes that mean "the provider's answer failed our checks". */
const VALIDATION_CODES = new Set([
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
  'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
  'OAUTH_KEY_SELECTION_FAILED',
  'OAUTH_INVALID_RESPONSE',
  'OAUTH_PARSE_ERROR',
  'OAUTH_RESPONSE_IS_NOT_JSON',
  'OAUTH_UNSUPPORTED_OPERATION',
  'OAUTH_JWT_USERINFO_EXPECTED',
  'OAUTH_INVALID_SERVER_METADATA',
  'OAUTH_MISSING_SERVER_METADATA',
]);

function isNetworkError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if (e.name === 'AbortError' || e.name === 'TimeoutError') return true;
    if (e instanceof TypeError && /fetch failed|network/i.test(e.message)) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|UND_ERR_)/.test(code))
      return true;
  }
  return false;
}

/**
 * Our own error inside a library's (providerFetch's refusal, which openid-client wraps in a
 * ClientError "something went wrong"), if there is one.
 */
export function appErrorIn(err: unknown): AppError | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if (e instanceof AppError) return e;
  }
  return undefined;
}

/**
 * The OAuth `error` of a 200 answer that carries one instead of tokens (RFC 6749 §5.2 puts errors
 * on a 400, but some servers answer 200): openid-client reports it as a malformed answer and keeps
 * the parsed body in the cause.
 */
function errorInBody(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    const body = (e.cause as { body?: { error?: unknown } } | undefined)?.body;
    if (typeof body?.error === 'string') return body.error;
  }
  return undefined;
}

/**
 * Translates anything openid-client (or fetch) throws into our codes. The original stays as
 * `cause`, which is never logged whole.
 */
export function translateProviderError(err: unknown, providerId: string, step: string): AppError {
  const ours = appErrorIn(err);
  if (ours) return ours;
  if (err instanceof client.AuthorizationResponseError) {
    const code = DENIED.has(err.error) ? ErrorCode.AccessDenied : ErrorCode.ProviderError;
    return new AppError(code, { detail: `${providerId} ${step}: provider returned error=${err.error}`, cause: err });
  }
  if (err instanceof client.ResponseBodyError) {
    // invalid_grant: the code expired, was already used, or the PKCE verifier did not match.
    const status = err.status >= 500 ? ErrorCode.ProviderUnavailable : ErrorCode.ProviderError;
    return new AppError(status, { detail: `${providerId} ${step}: HTTP ${err.status} error=${err.error}`, cause: err });
  }
  if (err instanceof client.WWWAuthenticateChallengeError) {
    // A 401 with a challenge: typically invalid_client (wrong client id or secret).
    const error = err.cause[0]?.parameters.error ?? 'unknown';
    return new AppError(ErrorCode.ProviderError, {
      detail: `${providerId} ${step}: HTTP ${err.status} challenge error=${error}`,
      cause: err,
    });
  }
  if (isNetworkError(err)) {
    return new AppError(ErrorCode.ProviderUnavailable, { detail: `${providerId} ${step}: provider unreachable`, cause: err });
  }
  if (err instanceof client.ClientError) {
    const code = err.code ?? '';
    if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') {
      const status = (err.cause as { status?: number } | undefined)?.status ?? 0;
      return new AppError(status >= 500 ? ErrorCode.ProviderUnavailable : ErrorCode.ProviderError, {
        detail: `${providerId} ${step}: unexpected HTTP status ${status}`,
        cause: err,
      });
    }
    const bodyError = errorInBody(err);
    if (bodyError !== undefined) {
      return new AppError(ErrorCode.ProviderError, {
        detail: `${providerId} ${step}: HTTP 200 with error=${bodyError.slice(0, 60)}`,
        cause: err,
      });
    }
    if (VALIDATION_CODES.has(code) || err.message.includes('issuer does not match')) {
      return new AppError(ErrorCode.InvalidResponse, { detail: `${providerId} ${step}: ${err.message} (${code})`, cause: err });
    }
    return new AppError(ErrorCode.ProviderError, { detail: `${providerId} ${step}: ${err.message} (${code})`, cause: err });
  }
  return new AppError(ErrorCode.Internal, { detail: `${providerId} ${step}: unexpected error`, cause: err });
}
