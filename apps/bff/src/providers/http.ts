import { AppError, ErrorCode } from '../errors.js';

/** How long a provider request may take before the provider counts as down, unless PROVIDER_TIMEOUT says otherwise. */
export const PROVIDER_TIMEOUT_MS = 10_000;

export interface ProviderResponse {
  status: number;
  contentType: string;
  text: string;
}

/**
 * One HTTP call to a provider (OAuth 2.0 adapters without openid-client). Network failures and
 * timeouts become provider_unavailable; redirects are not followed. The caller interprets the body.
 */
export async function providerRequest(url: URL, init: RequestInit, where: { provider: string; step: string; timeoutMs?: number }): Promise<ProviderResponse> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(where.timeoutMs ?? PROVIDER_TIMEOUT_MS) });
  } catch (err) {
    throw new AppError(ErrorCode.ProviderUnavailable, { detail: `${where.provider} ${where.step}: provider unreachable`, cause: err });
  }
  const text = await response.text().catch(() => '');
  if (response.status >= 500) {
    throw new AppError(ErrorCode.ProviderUnavailable, { detail: `${where.provider} ${where.step}: HTTP ${response.status}` });
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
}

/** Parses a JSON body, or says the provider's answer is not what it should be. */
export function jsonBody(response: ProviderResponse, where: { provider: string; step: string }): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    throw new AppError(ErrorCode.InvalidResponse, { detail: `${where.provider} ${where.step}: HTTP ${response.status}, not JSON (${response.contentType || 'no content type'})` });
  }
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

export const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 512) : null);
