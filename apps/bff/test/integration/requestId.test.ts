import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/browser.js';
import { restartCapturingLog, startHarness, type Harness } from '../support/harness.js';
import { startRecordingUpstream } from '../support/upstream.js';
import { signIn } from './flow.js';

let h: Harness;
let upstream: Awaited<ReturnType<typeof startRecordingUpstream>>;
const lines: string[] = [];

beforeAll(async () => {
  upstream = await startRecordingUpstream();
  h = await startHarness({ env: { API_ROUTES: `/api/rec=${upstream.url}/base` } });
  await restartCapturingLog(h, lines);
});
afterAll(async () => {
  await h?.close();
  await upstream?.close();
});

const logged = () => lines.flatMap((l) => l.split('\n').filter(Boolean)).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('request ids', () => {
  it('a well-formed X-Request-Id is kept: in the answer, in every log line of that request, and sent upstream', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const id = 'lb-7f3a9c21-0001';
    const response = await browser.request(`${h.origin}/api/rec/items`, { headers: { 'X-Request-Id': id } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(id);
    expect(upstream.requests.at(-1)?.headers['x-request-id']).toBe(id);
    const mine = logged().filter((entry) => entry.requestId === id);
    expect(mine.map((entry) => entry.msg)).toContain('request');
  });
});
// Without a sign-in (a missing or malformed id, a refusal's log line): test/http/requestId.test.ts.
