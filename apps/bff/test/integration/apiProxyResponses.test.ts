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
  h = await startHarness({ env: { API_ROUTES: `/api/rec=${upstream.url}/base|GET,POST` } });
  await signIn(browser, h);
});
afterAll(async () => {
  await h?.close();
  await upstream?.close();
});

/** A proxied GET whose upstream answers `status` with `Location: location`. */
const redirected = (location: string, status = 302) =>
  browser.request(`${h.origin}/api/rec/items/new?status=${status}&location=${encodeURIComponent(location)}`);

describe('the upstream’s Location through the API proxy', () => {
  it('a location on the same upstream, below its base, comes back under our prefix', async () => {
    const absolute = await redirected(`${upstream.url}/base/items/2?view=full`, 303);
    expect(absolute.status).toBe(303);
    expect(absolute.headers.get('location')).toBe('/api/rec/items/2?view=full');
    expect((await redirected('/base/items/3', 201)).headers.get('location')).toBe('/api/rec/items/3');
    // Relative to what was called upstream (/base/items/new).
    expect((await redirected('4')).headers.get('location')).toBe('/api/rec/items/4');
  });

  it.each([
    ['another site', 'https://evil.example/phish'],
    ['a scheme-relative URL to another site', '//evil.example/base/items'],
    ['the upstream outside its base', '/admin'],
    ['dots out of the base', '../../admin'],
    ['a javascript: URL', 'javascript:alert(document.cookie)'],
  ])('a location to %s is dropped, the status stays', async (_name, location) => {
    const answer = await redirected(location);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBeNull();
  });
});

describe('what an upstream answer may do on our origin', () => {
  it.each(['text/html', 'text/html; charset=utf-8', 'image/svg+xml', 'application/xhtml+xml', 'text/plain'])(
    'a %s answer is sandboxed: no script, no sniffing, nothing loaded',
    async (type) => {
      const answer = await browser.request(`${h.origin}/api/rec/page?type=${encodeURIComponent(type)}`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe(type);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      const policy = answer.headers
        .get('content-security-policy')!
        .split(';')
        .map((d) => d.trim());
      expect(policy).toEqual(expect.arrayContaining(['sandbox', "default-src 'none'", "frame-ancestors 'none'"]));
      expect(policy.some((d) => d.startsWith('script-src'))).toBe(false);
      expect(await answer.text()).toContain('<script>');
    },
  );

  it('an answer without a Content-Type is sandboxed too', async () => {
    const answer = await browser.request(`${h.origin}/api/rec/page?type=none`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toMatch(/^sandbox;/);
  });

  it('a JSON answer keeps the policy of our JSON answers and gets nosniff', async () => {
    const answer = await browser.request(`${h.origin}/api/rec/items`);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).not.toMatch(/sandbox/);
    expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
