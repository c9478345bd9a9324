import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { expect } from 'vitest';

/** Where the fakes send the browser back to in these tests (never contacted). */
export const redirectUri = 'http://127.0.0.1:3999/auth/callback/test';
export const otherRedirectUri = 'http://localhost:3999/auth/callback/test';

/** A test clock: starts now and moves only when told to. */
export function testClock() {
  let time = Date.now();
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

export interface SigninForm {
  action: string;
  hidden: Record<string, string>;
  /** [value, label] of each user button. */
  users: Array<[string, string]>;
}

/** Reads the sign-in page the way the tests of the BFF do: regexes over the one form. */
export function parseSigninPage(html: string): SigninForm {
  expect(html.match(/<form\b/g)).toHaveLength(1);
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
  if (!action) throw new Error('no sign-in form');
  const hidden = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
  const users = [...html.matchAll(/<button type="submit" name="user" value="([^"]+)">Continue as ([^<]+)<\/button>/g)].map(
    (m): [string, string] => [m[1]!, m[2]!],
  );
  expect(html).toContain('<button type="submit" name="decision" value="deny">Cancel</button>');
  return { action, hidden, users };
}

/** Opens the provider's authorize URL and reads its sign-in page. */
export async function openSignin(url: string | URL): Promise<SigninForm> {
  const response = await fetch(url, { redirect: 'manual' });
  const html = await response.text();
  expect(response.status, html).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  return parseSigninPage(html);
}

/** Posts the sign-in form as a browser would; returns the answer unfollowed. */
export function submitSignin(base: string, form: SigninForm, choice: { user: string } | { decision: 'deny' }): Promise<Response> {
  return fetch(new URL(form.action, base), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form.hidden, ...choice }),
    redirect: 'manual',
  });
}

/** Opens the sign-in page, picks `choice`, and returns the Location the provider redirects to. */
export async function signIn(
  base: string,
  authorizeUrl: string | URL,
  choice: { user: string } | { decision: 'deny' } = { user: 'alice' },
): Promise<string> {
  const response = await submitSignin(base, await openSignin(authorizeUrl), choice);
  expect(response.status).toBe(302);
  return response.headers.get('location')!;
}

/** The `code` of a callback Location. */
export const codeOf = (location: string) => new URL(location).searchParams.get('code')!;

export function authorizeUrl(base: string, path: string, params: Record<string, string>): string {
  return `${base}${path}?${new URLSearchParams(params).toString()}`;
}

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const randomState = () => randomBytes(9).toString('base64url');

export function postForm(url: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  });
}

export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** RFC 6749 §2.3.1 / Appendix B encoding, as openid-client's ClientSecretBasic does it. */
export const formEncode = (text: string) =>
  encodeURIComponent(text)
    .replace(/[-_.!~*'()]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');

/** A GET with exactly these headers (fetch always adds a User-Agent; node:http does not). */
export function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Verifies an ID token with jose against the provider's own JWKS, pinned to RS256. */
export async function verifyIdToken(jwksUri: string, token: string, issuer: string, audience: string): Promise<JWTPayload> {
  const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(jwksUri)), {
    issuer,
    audience,
    algorithms: ['RS256'],
  });
  expect(protectedHeader.kid).toBeTruthy();
  return payload;
}
