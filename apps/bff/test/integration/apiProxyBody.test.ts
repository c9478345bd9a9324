import { request as httpRequest, type ClientRequest } from 'node:http';
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
  h = await startHarness({ env: { API_ROUTES: `/api/rec=${upstream.url}/base|GET,POST,PUT`, API_BODY_LIMIT: '1kb' } });
  await signIn(browser, h);
});
afterAll(async () => {
  await h?.close();
  await upstream?.close();
});

const post = (body: string) =>
  browser.request(`${h.origin}/api/rec/upload`, { method: 'POST', headers: { 'X-CSRF': '1', 'Content-Type': 'text/plain' }, body });

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

/** A chunked upload, no Content-Length, written piece by piece as a test says. */
function chunkedUpload(path: string): {
  req: ClientRequest;
  answer: Promise<{ status: number; body: string; connection: string | undefined }>;
} {
  const { hostname, port } = new URL(h.origin);
  const req = httpRequest({
    host: hostname,
    port,
    path,
    method: 'POST',
    headers: {
      cookie: browser.cookieHeader(new URL(h.origin)),
      'x-csrf': '1',
      'content-type': 'application/octet-stream',
      'transfer-encoding': 'chunked',
    },
  });
  const answer = new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body, connection: res.headers.connection }));
    });
    req.on('error', reject);
  });
  return { req, answer };
}

describe('request bodies through the API proxy (API_BODY_LIMIT=1kb)', () => {
  it('a body that announces more than the limit is 413 payload_too_large before the upstream is called', async () => {
    const before = upstream.started.length;
    const answer = await post('x'.repeat(1025));
    expect(answer.status).toBe(413);
    expect(await answer.json()).toMatchObject({ error: 'payload_too_large' });
    expect(upstream.started.length).toBe(before);
  });

  it('a body of exactly the limit is forwarded whole', async () => {
    const answer = await post('y'.repeat(1024));
    expect(answer.status).toBe(200);
    expect(upstream.requests.at(-1)!.body).toBe('y'.repeat(1024));
  });

  it('a chunked body still streams: the upstream has the request before the client has finished sending', async () => {
    const { req, answer } = chunkedUpload('/api/rec/stream-ok');
    req.write('a'.repeat(500));
    await until(() => upstream.started.includes('POST /base/stream-ok'));
    req.end('b'.repeat(500));
    expect((await answer).status).toBe(200);
    expect(upstream.requests.at(-1)).toMatchObject({ url: '/base/stream-ok', body: 'a'.repeat(500) + 'b'.repeat(500) });
  });

  it('a chunked body that grows past the limit is cut off: 413, and the upstream never gets a complete body', async () => {
    const { req, answer } = chunkedUpload('/api/rec/stream-big');
    req.write('a'.repeat(800));
    await until(() => upstream.started.includes('POST /base/stream-big'));
    req.write('b'.repeat(800));
    const result = await answer;
    req.destroy();
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ error: 'payload_too_large' });
    expect(result.connection).toBe('close');
    // Give an upstream that did get the rest time to record it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(upstream.requests.some((r) => r.url === '/base/stream-big')).toBe(false);
    // The session is untouched: the next call works.
    expect((await post('ok')).status).toBe(200);
  });
});
