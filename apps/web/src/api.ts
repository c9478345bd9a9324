/**
 * The SPA's only door to the BFF. Every answer is validated with the schemas of `@sso/profile`
 * (the same ones the BFF uses), and every failure becomes an {@link ApiRequestError}.
 */
import {
  ApiErrorSchema,
  ErrorCode,
  IdentityListSchema,
  LogoutResponseSchema,
  MeResponseSchema,
  ProviderListSchema,
  type Identity,
  type LogoutResponse,
  type MeResponse,
  type ProviderSummary,
} from '@sso/profile';

/**
 * Failures that happen before the BFF could answer in its own words. They are local to the browser,
 * so they are not part of the shared `ErrorCode` list.
 */
export const ClientErrorCode = {
  /** The request never got an answer (offline, BFF down, DNS). */
  Network: 'network_error',
  /** An answer arrived but did not match the schema (proxy error page, older/newer BFF). */
  UnexpectedResponse: 'unexpected_response',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/** A failed call to the BFF: `code` is stable (switch on it), `message` is fit to show to a person. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  /** A shared `ErrorCode` from the BFF, or a `ClientErrorCode`. */
  readonly code: ErrorCode | ClientErrorCode;
  /** The HTTP status, or 0 when there was no answer. */
  readonly status: number;

  constructor(code: ErrorCode | ClientErrorCode, status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.status = status;
  }
}

/** Options every call accepts; `signal` lets a component cancel a call when it unmounts. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** The providers to offer on the sign-in page, in the BFF's order. */
export async function fetchProviders(options: CallOptions = {}): Promise<ProviderSummary[]> {
  const res = await send('/auth/providers', { method: 'GET', ...options });
  if (!res.ok) throw await errorFrom(res);
  return parse(ProviderListSchema, await readJson(res), res);
}

/** The current session, or `null` when there is none (401). */
export async function fetchMe(options: CallOptions = {}): Promise<MeResponse | null> {
  const res = await send('/auth/me', { method: 'GET', ...options });
  if (res.status === 401) return null;
  if (!res.ok) throw await errorFrom(res);
  return parse(MeResponseSchema, await readJson(res), res);
}

/** Ends the session; the answer says where to go next (a path or an absolute URL). */
export async function logout(options: CallOptions = {}): Promise<LogoutResponse> {
  const res = await send('/auth/logout', {
    method: 'POST',
    // The BFF refuses state-changing calls without this header: a cross-site form cannot set it,
    // and a cross-site fetch that sets it needs a CORS preflight the BFF never grants.
    headers: { 'X-CSRF': '1' },
    ...options,
  });
  if (!res.ok) throw await errorFrom(res);
  return parse(LogoutResponseSchema, await readJson(res), res);
}

/** The provider accounts connected to the signed-in user; `unauthenticated` (401) without a session. */
export async function fetchIdentities(options: CallOptions = {}): Promise<Identity[]> {
  const res = await send('/auth/identities', { method: 'GET', ...options });
  if (!res.ok) throw await errorFrom(res);
  return parse(IdentityListSchema, await readJson(res), res);
}

/** The API path of one connected account; both parts are the provider's own strings, so both are encoded. */
export function identityPath(identity: Pick<Identity, 'provider' | 'subject'>): string {
  return `/auth/identities/${encodeURIComponent(identity.provider)}/${encodeURIComponent(identity.subject)}`;
}

/**
 * Disconnects one account and answers with the accounts that remain. The BFF refuses the last one
 * (`last_identity`) and the one this session signed in with (`current_identity`), both 409.
 */
export async function disconnectIdentity(
  identity: Pick<Identity, 'provider' | 'subject'>,
  options: CallOptions = {},
): Promise<Identity[]> {
  const res = await send(identityPath(identity), { method: 'DELETE', headers: { 'X-CSRF': '1' }, ...options });
  if (!res.ok) throw await errorFrom(res);
  return parse(IdentityListSchema, await readJson(res), res);
}

// The structural part of a zod schema this module needs; keeps zod itself out of our dependencies.
interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

// Headers as a plain object, so the defaults below can be merged with a spread.
type SendInit = Omit<RequestInit, 'headers'> & { headers?: Record<string, string> };

async function send(path: string, init: SendInit): Promise<Response> {
  try {
    return await fetch(path, {
      ...init,
      // Only the HttpOnly session cookie authenticates us, and only to our own origin.
      credentials: 'same-origin',
      // Asking for JSON makes the BFF answer errors as JSON instead of redirecting.
      headers: { Accept: 'application/json', ...init.headers },
    });
  } catch (cause) {
    // A cancelled call is not a failure to report; let the caller see the AbortError as it is.
    if (init.signal?.aborted) throw cause;
    throw new ApiRequestError(
      ClientErrorCode.Network,
      0,
      'Could not reach the server. Check your connection and try again.',
      { cause },
    );
  }
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return undefined; // Not JSON (e.g. a proxy's error page); the schema check reports it.
  }
}

function parse<T>(schema: Schema<T>, body: unknown, res: Response): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new ApiRequestError(
    ClientErrorCode.UnexpectedResponse,
    res.status,
    'The server sent an answer this page does not understand. Please reload and try again.',
  );
}

async function errorFrom(res: Response): Promise<ApiRequestError> {
  const result = ApiErrorSchema.safeParse(await readJson(res));
  if (result.success) return new ApiRequestError(result.data.error, res.status, result.data.message);
  // No error body of ours: the answer came from something in front of the BFF (a proxy, a gateway).
  const message =
    res.status >= 500
      ? 'The sign-in service is not available right now. Please try again in a moment.'
      : `The server answered with an unexpected error (HTTP ${res.status}).`;
  return new ApiRequestError(ClientErrorCode.UnexpectedResponse, res.status, message);
}

/** Turns anything a call may throw into an ApiRequestError, for components that show errors. */
export function toApiRequestError(error: unknown): ApiRequestError {
  if (error instanceof ApiRequestError) return error;
  return new ApiRequestError(ErrorCode.Internal, 0, 'Something went wrong. Please try again.', { cause: error });
}

/** Whether `error` is the result of cancelling a call (component unmounted), not a real failure. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
