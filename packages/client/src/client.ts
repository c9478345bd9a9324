import type { Identity, LogoutResponse, MeResponse, ProviderSummary, SessionInfo } from '@sso/profile';
import { ClientErrorCode, SsoError } from './errors.js';
import { isErrorBody, isIdentityList, isLogoutResponse, isMeResponse, isProviderList, isSessionList, type Guard } from './guards.js';
import { withLoginParams, type LoginUrlOptions } from './loginUrl.js';
import { parseRetryAfter } from './retryAfter.js';

export interface ClientOptions {
  /** The BFF's public origin, e.g. `https://app.example.com`; default `''`: the page's own origin. */
  baseUrl?: string;
  /** The `fetch` to use; default: the global one, looked up at call time. */
  fetch?: typeof fetch;
  /** Called when any call but `me()` is answered 401: the session expired or was ended elsewhere. */
  onSessionEnded?: () => void;
  /** How `logout({ follow: true })` leaves the page; default `window.location.assign`. */
  assign?: (url: string) => void;
}

/** Options every call accepts; `signal` cancels it (a cancelled call rejects with the AbortError as is). */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * What happened to the session, for `subscribe`: `ended` when a call was answered 401 (expired, or
 * signed out elsewhere; `onSessionEnded` is called too), `signed-out` after a successful `logout()`.
 */
export type SessionEvent = 'ended' | 'signed-out';

/** With `ended`, when the BFF said why the session ended (e.g. `signed_out_elsewhere`), and its message. */
export interface SessionEndDetail {
  reason: string;
  message: string;
}

export type SessionListener = (event: SessionEvent, detail?: SessionEndDetail) => void;

/** A typed client of the BFF's JSON API. Every call sends the session cookie and asks for JSON. */
export interface SsoClient {
  /** The BFF's origin the client talks to (`''`: same origin). */
  readonly baseUrl: string;
  /** `GET /auth/providers`: the providers to offer, in the BFF's order. */
  providers(options?: CallOptions): Promise<ProviderSummary[]>;
  /** The URL that signs in with `provider` and comes back to `returnTo` (a path, or an allowed frontend's URL). */
  loginUrl(provider: string | ProviderSummary, returnTo?: string, options?: LoginUrlOptions): string;
  /** Navigates to {@link SsoClient.loginUrl}: sign-in is a full-page round trip through the provider. */
  login(provider: string | ProviderSummary, returnTo?: string, options?: LoginUrlOptions): void;
  /** `GET /auth/me`: the current session, or `null` when there is none (401). */
  me(options?: CallOptions): Promise<MeResponse | null>;
  /**
   * `POST /auth/logout`: ends the session; `redirectTo` is a path or an absolute URL (the BFF's
   * end-session page, which posts the ID token to the provider; never a URL with a token in it).
   * Navigate to it as it is, in a full-page load: the page works once. `returnTo` (a path, or an
   * allowed frontend's URL) is where the browser ends up afterwards, through the provider's page
   * if there is one; default the BFF's `/login`.
   * With `follow: true` the page goes straight on to `redirectTo` (a full-page load) and no
   * `signed-out` event is sent: listeners reacting to it would only flash the sign-in page while
   * the browser leaves for the provider.
   */
  logout(options?: CallOptions & { returnTo?: string; follow?: boolean }): Promise<LogoutResponse>;
  /** `GET /auth/identities`: the provider accounts connected to the signed-in user. */
  identities(options?: CallOptions): Promise<Identity[]>;
  /** `DELETE /auth/identities/:provider/:subject`: disconnects one account; answers with those that remain. */
  disconnect(provider: string, subject: string, options?: CallOptions): Promise<Identity[]>;
  /** `GET /auth/sessions`: the user's signed-in devices. */
  sessions(options?: CallOptions): Promise<SessionInfo[]>;
  /** `DELETE /auth/sessions/:id`: signs one device out; answers with the devices that remain. */
  revokeSession(id: string, options?: CallOptions): Promise<SessionInfo[]>;
  /** `DELETE /auth/sessions`: signs out every device but this one; answers with the devices that remain. */
  revokeOtherSessions(options?: CallOptions): Promise<SessionInfo[]>;
  /**
   * Any other call, e.g. through the BFF's API proxy (`/api/demo/hello`): `fetch` with the cookie,
   * `Accept: application/json` unless given, and `X-CSRF: 1` for methods other than GET and HEAD.
   * Resolves with the response when it is 2xx; otherwise rejects with an {@link SsoError}.
   */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Listens for {@link SessionEvent}s; returns the function that stops listening. */
  subscribe(listener: SessionListener): () => void;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** A client of the BFF at `options.baseUrl` (default: same origin). */
export function createClient(options: ClientOptions = {}): SsoClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  // Looked up per call, not captured: a page (or a test) may replace the global later.
  const fetchFn: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const listeners = new Set<SessionListener>();

  const emit = (event: SessionEvent, detail?: SessionEndDetail) => {
    const callbacks = [...listeners];
    if (event === 'ended' && options.onSessionEnded) callbacks.unshift(() => options.onSessionEnded?.());
    for (const callback of callbacks) {
      try {
        if (detail) callback(event, detail);
        else callback(event);
      } catch (error) {
        // One broken listener must not turn the caller's call into a failure; report it anyway.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };

  /** A full-page load of `redirectTo` (a path on the BFF or an http(s) URL); anything else goes to the BFF's /login. */
  function leave(redirectTo: string): void {
    const base = baseUrl || globalThis.location?.origin || 'http://localhost';
    let target: URL | null = null;
    try {
      target = new URL(redirectTo, `${base}/`);
    } catch {
      // Not a URL at all: the fallback below.
    }
    const safe = target && (target.protocol === 'https:' || target.protocol === 'http:') ? target.href : new URL('/login', `${base}/`).href;
    (options.assign ?? ((url: string) => globalThis.location.assign(url)))(safe);
  }

  /** One request with the cookie and our headers; only a missing answer is an error here. */
  async function request(path: string, init: RequestInit): Promise<Response> {
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    // Asking for JSON makes the BFF answer errors as JSON instead of redirecting.
    if (!headers.has('Accept')) headers.set('Accept', 'application/json');
    // The BFF refuses state-changing calls without this header: a cross-site form cannot set it, and
    // a cross-origin fetch that sets it needs a CORS preflight the BFF grants only to its frontends.
    if (!SAFE_METHODS.has(method)) headers.set('X-CSRF', '1');
    try {
      // The HttpOnly session cookie is the only credential; `include` sends it to a BFF on another origin too.
      return await fetchFn(`${baseUrl}${path}`, { credentials: 'include', ...init, method, headers });
    } catch (cause) {
      // A cancelled call is not a failure to report; the caller sees the AbortError as it is.
      if (init.signal?.aborted) throw cause;
      throw new SsoError(ClientErrorCode.Network, 0, 'Could not reach the server. Check your connection and try again.', {
        cause,
      });
    }
  }

  /** {@link request}, with every non-2xx answer thrown as an SsoError; a 401 also means the session ended. */
  async function send(path: string, init: RequestInit): Promise<Response> {
    const res = await request(path, init);
    if (!res.ok) {
      if (res.status === 401) emit('ended');
      throw await errorFrom(res);
    }
    return res;
  }

  async function call<T>(path: string, guard: Guard<T>, init: RequestInit = {}): Promise<T> {
    return parse(await send(path, init), guard);
  }

  const loginUrl = (provider: string | ProviderSummary, returnTo?: string, loginOptions?: LoginUrlOptions) => {
    const base = typeof provider === 'string' ? `${baseUrl}/auth/login/${encodeURIComponent(provider)}` : provider.loginUrl;
    return withLoginParams(base, returnTo, loginOptions);
  };

  return {
    baseUrl,
    providers: ({ signal } = {}) => call('/auth/providers', isProviderList, { signal }),
    loginUrl,
    login(provider, returnTo, loginOptions) {
      window.location.assign(loginUrl(provider, returnTo, loginOptions));
    },
    async me({ signal } = {}) {
      // Not through `send`: here a 401 is an answer ("nobody is signed in"), not the end of a session.
      const res = await request('/auth/me', { signal });
      if (res.status === 401) {
        // Nobody is signed in; but a session ended by someone else (another device) says why, once.
        const body = await readJson(res);
        const fields = typeof body === 'object' && body !== null ? (body as { reason?: unknown; message?: unknown }) : {};
        if (typeof fields.reason === 'string') {
          emit('ended', { reason: fields.reason, message: typeof fields.message === 'string' ? fields.message : '' });
        }
        return null;
      }
      if (!res.ok) throw await errorFrom(res);
      return parse(res, isMeResponse);
    },
    async logout({ signal, returnTo, follow = false } = {}) {
      const path = returnTo === undefined ? '/auth/logout' : `/auth/logout?returnTo=${encodeURIComponent(returnTo)}`;
      const answer = await call(path, isLogoutResponse, { method: 'POST', signal });
      if (follow) leave(answer.redirectTo);
      else emit('signed-out');
      return answer;
    },
    identities: ({ signal } = {}) => call('/auth/identities', isIdentityList, { signal }),
    disconnect: (provider, subject, { signal } = {}) =>
      // Both parts are the provider's own strings (a subject may hold `/`, `|`, `#`), so both are encoded.
      call(`/auth/identities/${encodeURIComponent(provider)}/${encodeURIComponent(subject)}`, isIdentityList, {
        method: 'DELETE',
        signal,
      }),
    sessions: ({ signal } = {}) => call('/auth/sessions', isSessionList, { signal }),
    revokeSession: (id, { signal } = {}) => call(`/auth/sessions/${encodeURIComponent(id)}`, isSessionList, { method: 'DELETE', signal }),
    revokeOtherSessions: ({ signal } = {}) => call('/auth/sessions', isSessionList, { method: 'DELETE', signal }),
    api: (path, init = {}) => send(path, init),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return undefined; // Not JSON (e.g. a proxy's error page); the caller reports it.
  }
}

async function parse<T>(res: Response, guard: Guard<T>): Promise<T> {
  const body = await readJson(res);
  if (guard(body)) return body;
  throw new SsoError(
    ClientErrorCode.UnexpectedResponse,
    res.status,
    'The server sent an answer this page does not understand. Please reload and try again.',
  );
}

async function errorFrom(res: Response): Promise<SsoError> {
  const body = await readJson(res);
  const requestId = res.headers.get('X-Request-Id');
  // A 503 (the BFF's database is down) and a 429 say when to come back.
  const retryAfter = parseRetryAfter(res.headers.get('Retry-After'));
  if (isErrorBody(body)) {
    return new SsoError(body.error, res.status, body.message ?? `The server refused the request (${body.error}).`, {
      requestId,
      retryAfter,
    });
  }
  // No error body of ours: the answer came from something in front of the BFF (a proxy, a gateway).
  const message =
    res.status >= 500
      ? 'The sign-in service is not available right now. Please try again in a moment.'
      : `The server answered with an unexpected error (HTTP ${res.status}).`;
  return new SsoError(ClientErrorCode.UnexpectedResponse, res.status, message, { requestId, retryAfter });
}
