import { createClient, type SsoClient } from '@sso/client';
import type { Identity, MeResponse, ProviderSummary, SessionInfo } from '@sso/profile';

/** One call the SPA made, as the fake BFF saw it. */
export interface Call {
  method: string;
  path: string;
  signal: AbortSignal | null;
}

type Answer = (call: Call) => Response | Promise<Response>;

/**
 * A stand-in for the BFF behind a real `createClient()`: answers `"METHOD /path"` from `routes`
 * (404 `not_found` otherwise) and records every call. The real BFF is the browser tests' part.
 */
export function fakeBff(routes: Record<string, Answer>): {
  client: SsoClient;
  calls: Call[];
  answer: (route: string, answer: Answer) => void;
} {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      method: init.method ?? 'GET',
      path: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      signal: init.signal ?? null,
    };
    calls.push(call);
    const answer = routes[`${call.method} ${call.path}`];
    return answer ? answer(call) : json(404, { error: 'not_found', message: 'Not found.' });
  };
  return { client: createClient({ fetch }), calls, answer: (route, answer) => (routes[route] = answer) };
}

/** A JSON answer, as the BFF sends them. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** The BFF's error answer: `{ error, message }` with its request id (and Retry-After, for a 503). */
export function failure(status: number, error: string, message: string, headers: Record<string, string> = {}): Response {
  return json(status, { error, message }, { 'X-Request-Id': `req-${error}`, ...headers });
}

/** An answer that never comes: the call stays in flight until its signal is aborted. */
export function never(call: Call): Promise<Response> {
  return new Promise((_, reject) => call.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))));
}

const HOUR = 3_600_000;
const at = (ms: number) => new Date(Date.UTC(2026, 5, 1, 12) + ms).toISOString();

export const me: MeResponse = {
  user: {
    id: 'u1',
    provider: 'dev',
    subject: 'alice',
    name: 'Alice Liddell',
    email: 'alice@example.test',
    emailVerified: true,
    avatarUrl: null,
  },
  provider: 'dev',
  expiresAt: at(8 * HOUR),
  absoluteExpiresAt: at(24 * HOUR),
  idleExpiresAt: at(8 * HOUR),
  apis: [],
};

export const providers: ProviderSummary[] = [
  { id: 'dev', name: 'Dev IdP', loginUrl: '/auth/login/dev' },
  { id: 'github', name: 'GitHub', loginUrl: '/auth/login/github' },
];

const identity = (provider: string, providerName: string, subject: string, current: boolean): Identity => ({
  provider,
  providerName,
  subject,
  name: 'Alice Liddell',
  email: 'alice@example.test',
  emailVerified: true,
  avatarUrl: null,
  linkedAt: at(-48 * HOUR),
  lastLoginAt: at(-HOUR),
  current,
});
export const devIdentity = identity('dev', 'Dev IdP', 'alice', true);
export const githubIdentity = identity('github', 'GitHub', '4711', false);

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1';
const session = (id: string, userAgent: string, current: boolean): SessionInfo => ({
  id,
  provider: 'dev',
  createdAt: at(-2 * HOUR),
  lastSeenAt: at(-HOUR),
  expiresAt: at(8 * HOUR),
  current,
  userAgent,
});
export const thisDevice = session('s-this', FIREFOX_WINDOWS, true);
export const phone = session('s-phone', SAFARI_IPHONE, false);
