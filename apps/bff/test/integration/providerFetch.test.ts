import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerFetch, PROVIDER_RESPONSE_LIMIT } from '../../src/providers/http.js';
import { cutOffAnswer, MB, startAnswering, streamAnswer, type Streamed } from '../support/answers.js';

let stub: Awaited<ReturnType<typeof startAnswering>>;
let streamed: Promise<Streamed> | undefined;
beforeAll(async () => {
  stub = await startAnswering({
    '/ok': (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ access_token: 'at', expires_in: 60 }));
    },
    '/empty': (_req, res) => {
      res.statusCode = 204;
      res.end();
    },
    '/exactly-limit': (_req, res) => {
      res.setHeader('content-type', 'text/plain');
      res.end('x'.repeat(PROVIDER_RESPONSE_LIMIT));
    },
    '/huge-streamed': (_req, res) => {
      streamed = streamAnswer(res, 8 * MB, { delayMs: 2 });
    },
    '/huge-declared': (_req, res) => {
      streamed = streamAnswer(res, 8 * MB, { declareLength: true, delayMs: 2 });
    },
    '/gzip-bomb': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.alloc(8 * MB, ' ')));
    },
    '/redirect': (_req, res) => {
      res.writeHead(302, { location: '/ok' });
      res.end();
    },
    '/cut-off': (_req, res) => cutOffAnswer(res, '{"access_token":"a', 500),
    '/stalls': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
    },
  });
});
afterAll(() => stub.close());

const call = { provider: 'p', step: 'token', timeoutMs: 2_000 };
const get = (path: string, extra: Partial<typeof call> & { maxBytes?: number } = {}) =>
  providerFetch(`${stub.url}${path}`, { method: 'GET' }, { ...call, ...extra });

describe('providerFetch: the one fetch for every provider call', () => {
  it('returns an ordinary answer whole, status and headers kept', async () => {
    const response = await get('/ok');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ access_token: 'at', expires_in: 60 });
    expect((await get('/empty')).status).toBe(204);
  });

  it('accepts an answer of exactly the limit', async () => {
    expect((await (await get('/exactly-limit')).text()).length).toBe(PROVIDER_RESPONSE_LIMIT);
  });

  it('refuses an 8 MB answer with invalid_provider_response, and stops reading soon after the 1 MB limit', async () => {
    streamed = undefined;
    await expect(get('/huge-streamed')).rejects.toMatchObject({
      code: 'invalid_provider_response',
      detail: expect.stringMatching(/over the 1048576-byte limit/) as unknown,
    });
    const seen = await streamed!;
    // The connection was closed under the server: it never got to send the whole answer.
    expect(seen.closedEarly).toBe(true);
    expect(seen.written).toBeLessThan(PROVIDER_RESPONSE_LIMIT + 1 * MB);
  });

  it('refuses an answer whose Content-Length is over the limit before reading its body', async () => {
    streamed = undefined;
    await expect(get('/huge-declared')).rejects.toMatchObject({
      code: 'invalid_provider_response',
      detail: expect.stringMatching(/8388608 bytes declared/) as unknown,
    });
    expect((await streamed!).closedEarly).toBe(true);
  });

  it('counts the decoded bytes: a small gzip body that inflates to 8 MB is refused', async () => {
    await expect(get('/gzip-bomb')).rejects.toMatchObject({ code: 'invalid_provider_response' });
  });

  it('honours a smaller configured limit', async () => {
    await expect(get('/ok', { maxBytes: 10 })).rejects.toMatchObject({ code: 'invalid_provider_response' });
  });

  it('never follows a redirect: a 302 is refused and its target is never asked for', async () => {
    const before = stub.seen.length;
    await expect(get('/redirect')).rejects.toMatchObject({
      code: 'invalid_provider_response',
      detail: expect.stringMatching(/HTTP 302 redirect, not followed/) as unknown,
    });
    expect(stub.seen.slice(before)).toEqual(['/redirect']);
  });

  it('an answer cut off before its declared length is invalid_provider_response', async () => {
    await expect(get('/cut-off')).rejects.toMatchObject({
      code: 'invalid_provider_response',
      detail: expect.stringMatching(/cut off/) as unknown,
    });
  });

  it('a body that stops arriving is provider_unavailable after the timeout, which covers the body too', async () => {
    const started = Date.now();
    await expect(get('/stalls', { timeoutMs: 300 })).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('an address nobody answers at is provider_unavailable', async () => {
    const gone = await startAnswering();
    const url = gone.url;
    await gone.close();
    await expect(providerFetch(`${url}/token`, {}, call)).rejects.toMatchObject({ code: 'provider_unavailable' });
  });

  it('names where it went without the query, which may hold a code or a token', async () => {
    const err = await providerFetch(`${stub.url}/redirect?code=SECRET-CODE&access_token=SECRET-TOKEN`, {}, call).catch((e: unknown) => e);
    expect(String((err as { detail?: string }).detail)).toContain(`${stub.url}/redirect`);
    expect(JSON.stringify(err)).not.toMatch(/SECRET/);
    expect(String((err as Error).message)).not.toMatch(/SECRET/);
  });
});
