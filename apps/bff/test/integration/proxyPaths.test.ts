import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/browser.js';
import { startHarness, type Harness } from '../support/harness.js';
import { startRecordingUpstream } from '../support/upstream.js';
import { signIn } from './flow.js';

let h: Harness;
let upstream: Awaited<ReturnType<typeof startRecordingUpstream>>;
const browser = new TestBrowser();

beforeAll(async () => {
  upstream = await startRecordingUpstream();
  h = await startHarness({ env: { API_ROUTES: `/api/rec=${upstream.url}/base/v1|GET` } });
  await signIn(browser, h);
});
afterAll(async () => {
  await h?.close();
  await upstream?.close();
});

/**
 * A signed-in GET of `path` sent exactly as written: fetch and URL parsers would resolve dots and
 * backslashes before sending, and an attacker's client does not.
 */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(h.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, headers: { cookie: browser.cookieHeader(new URL(h.origin)) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('paths the API proxy refuses before anything reaches the upstream', () => {
  it.each([
    ['a dot-dot segment', '/api/rec/../../admin'],
    ['a dot segment', '/api/rec/./admin'],
    ['encoded dots', '/api/rec/%2e%2e/%2e%2e/admin'],
    ['upper-case, half-encoded dots', '/api/rec/.%2E/admin'],
    ['double-encoded dots', '/api/rec/%252e%252e/admin'],
    ['triple-encoded dots', '/api/rec/%25252e%25252e/admin'],
    ['a path parameter on dot-dot (Tomcat, Jetty, Spring: "..")', '/api/rec/..;/admin'],
    ['an encoded path parameter', '/api/rec/..%3B/admin'],
    ['a path parameter', '/api/rec/items;jsessionid=1'],
    ['a backslash', '/api/rec/..\\admin'],
    ['an encoded backslash', '/api/rec/..%5Cadmin'],
    ['NUL', '/api/rec/items%00.json'],
    ['double-encoded NUL', '/api/rec/items%2500.json'],
    ['an encoded slash', '/api/rec/items%2F42'],
    ['an encoded slash after dot-dot', '/api/rec/..%2Fadmin'],
    ['a double-encoded slash', '/api/rec/..%252fadmin'],
    ['an overlong UTF-8 dot', '/api/rec/%c0%ae%c0%ae/admin'],
  ])('%s: %s is 400 bad_request', async (_name, path) => {
    const before = upstream.started.length;
    const answer = await rawGet(path);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'bad_request' });
    expect(upstream.started.length).toBe(before);
  });

  it('a path with nothing to fear is forwarded exactly as it was sent', async () => {
    const answer = await rawGet('/api/rec/caf%C3%A9/a.b/100%25?q=a%2Fb');
    expect(answer.status).toBe(200);
    expect(upstream.requests.at(-1)!.url).toBe('/base/v1/caf%C3%A9/a.b/100%25?q=a%2Fb');
  });
});
