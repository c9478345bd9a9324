import { AppError, ErrorCode } from '../errors.js';
import { send, TransportError, type Answer } from './transport.js';
import { WholeResponse } from './wholeResponse.js';

/** How long a provider request may take before the provider counts as down, unless PROVIDER_TIMEOUT says otherwise. */
export const PROVIDER_TIMEOUT_MS = 10_000;
/** The largest answer read from a provider, unless PROVIDER_RESPONSE_LIMIT says otherwise (1 MiB). */
export const PROVIDER_RESPONSE_LIMIT = 1024 * 1024;

/** Who is called and why (for messages), and the limits of the call. */
export interface ProviderCall {
  provider: string;
  step: string;
  /** The whole call, answer included; default PROVIDER_TIMEOUT_MS. */
  timeoutMs?: number | undefined;
  /** The most bytes of (decoded) answer body read; default PROVIDER_RESPONSE_LIMIT. */
  maxBytes?: number | undefined;
}

/** Headers about the wire, not about the decoded, whole body a Response carries. */
const SKIPPED_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** Statuses whose Response may not have a body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

/** Where a call went, for messages: never the query, which may hold a code, a token or a proof. */
const target = (url: string | URL) => {
  const parsed = URL.parse(String(url));
  return parsed ? `${parsed.origin}${parsed.pathname}` : 'an invalid URL';
};

/**
 * The one fetch for every call to a provider: openid-client's (discovery, token, userinfo, JWKS,
 * refresh), jose's (logout-token keys), and the Graph and GitHub API calls. The whole call, body
 * included, is bounded by a timeout; the body is streamed and the call abandoned as soon as it
 * passes `maxBytes` (a declared Content-Length too large is refused before reading), so a huge
 * answer never sits in memory; a redirect is a refusal, never followed (a token request must not
 * be replayed elsewhere). Returns a Response holding the whole (small) body.
 *
 * Unreachable or too slow: provider_unavailable. Too large, redirected or cut off:
 * invalid_provider_response.
 */
export async function providerFetch(url: string | URL, init: RequestInit, call: ProviderCall): Promise<Response> {
  const where = `${call.provider} ${call.step} ${target(url)}`;
  const maxBytes = call.maxBytes ?? PROVIDER_RESPONSE_LIMIT;
  let answer: Answer;
  try {
    answer = await send(new URL(url), init, { timeoutMs: call.timeoutMs ?? PROVIDER_TIMEOUT_MS, maxBytes, signal: init.signal });
  } catch (err) {
    const kind = err instanceof TransportError ? err.kind : 'unreachable';
    if (kind === 'unreachable')
      throw new AppError(ErrorCode.ProviderUnavailable, { detail: `${where}: provider unreachable or too slow`, cause: err });
    // The headers came, the body did not arrive whole (or too much of it): the answer is broken, not the network.
    throw new AppError(ErrorCode.InvalidResponse, { detail: `${where}: ${(err as Error).message}`, cause: err });
  }
  if (answer.status >= 300 && answer.status < 400) {
    throw new AppError(ErrorCode.InvalidResponse, { detail: `${where}: HTTP ${answer.status} redirect, not followed` });
  }
  const headers = new Headers();
  // The body below is already decoded and complete.
  for (const [name, value] of answer.headers) if (!SKIPPED_HEADERS.has(name.toLowerCase())) headers.append(name, value);
  const body = NULL_BODY.has(answer.status) ? null : answer.body;
  return new WholeResponse(body, { status: answer.status, statusText: answer.statusText, headers });
}

export interface ProviderResponse {
  status: number;
  contentType: string;
  text: string;
}

/**
 * One HTTP call to a provider for the OAuth 2.0 adapters (no openid-client), through
 * {@link providerFetch}; a 5xx also counts as unavailable. The caller interprets the body.
 */
export async function providerRequest(url: URL, init: RequestInit, call: ProviderCall): Promise<ProviderResponse> {
  const response = await providerFetch(url, init, call);
  const text = await response.text();
  if (response.status >= 500) {
    throw new AppError(ErrorCode.ProviderUnavailable, { detail: `${call.provider} ${call.step}: HTTP ${response.status}` });
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
}

/** Parses a JSON body, or says the provider's answer is not what it should be. */
export function jsonBody(response: ProviderResponse, where: { provider: string; step: string }): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    throw new AppError(ErrorCode.InvalidResponse, {
      detail: `${where.provider} ${where.step}: HTTP ${response.status}, not JSON (${response.contentType || 'no content type'})`,
    });
  }
}

export const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 512) : null;
