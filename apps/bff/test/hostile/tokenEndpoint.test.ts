import { describe, expect, it } from 'vitest';
import { expectRefused, useHostileHarness, type HostileHarness } from '../support/hostile/bff.js';
import { json, type Answer } from '../support/hostile/http.js';

// What the token endpoint sends back after it accepted our client, code and PKCE verifier. The
// code per answer, as the SPA shows it:
// - provider_error: the provider said no (RFC 6749 §5.2), however it said it;
// - provider_unavailable: it is down or too slow (5xx, timeout): trying again later may work;
// - invalid_provider_response: what came back is not a token answer at all, and nothing in it is used.

let h: HostileHarness;
useHostileHarness((started) => (h = started));

const html = (status: number): Answer => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: '<!doctype html><title>Sign in</title><form>…</form>',
});

describe('a token endpoint answer ends the sign-in on the sign-in page with no session and no userinfo call', () => {
  it.each<[string, string, (honest: Record<string, unknown>) => Answer]>([
    [
      '400 invalid_grant (the code was refused)',
      'provider_error',
      () => json(400, { error: 'invalid_grant', error_description: 'grant request is invalid' }),
    ],
    [
      '401 with WWW-Authenticate (our client was refused)',
      'provider_error',
      () => json(401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic realm="hostile", error="invalid_client"' }),
    ],
    // Still a refusal, sent the way GitHub sends its own (the GitHub adapter maps it the same way).
    [
      '200 with an error body instead of tokens',
      'provider_error',
      () => json(200, { error: 'invalid_grant', error_description: 'code expired' }),
    ],
    ['200 with an HTML page (a login wall or proxy page)', 'invalid_provider_response', () => html(200)],
    ['503 with an HTML maintenance page', 'provider_unavailable', () => html(503)],
    [
      '200 with JSON cut off halfway',
      'invalid_provider_response',
      (honest) => ({ ...json(200, honest), body: JSON.stringify(honest).slice(0, 60) }),
    ],
    // 8 MB of otherwise valid tokens: past the 1 MB PROVIDER_RESPONSE_LIMIT, so never parsed or trusted.
    ['an 8 MB answer', 'invalid_provider_response', (honest) => json(200, { ...honest, padding: 'x'.repeat(8 * 1024 * 1024) })],
    // The same without a Content-Length to refuse it by: only counting the bytes as they come stops it.
    [
      'an 8 MB answer sent chunked',
      'invalid_provider_response',
      (honest) => json(200, { ...honest, padding: 'x'.repeat(8 * 1024 * 1024) }, { 'transfer-encoding': 'chunked' }),
    ],
  ])('%s → %s', async (_, code, answer) => {
    h.idp.script({ token: answer });
    expectRefused(await h.attempt(), code);
    expect(h.idp.calls.token).toBe(1);
    expect(h.idp.calls.userinfo).toBe(0);
  });

  it('a redirect (307, which would resend the code and our secret) is not followed → invalid_provider_response', async () => {
    h.idp.script({ token: () => ({ status: 307, headers: { location: `${h.idp.issuer}/collect` } }) });
    // Not an answer from the token endpoint at all, and not a refusal: nothing to show but "invalid".
    expectRefused(await h.attempt(), 'invalid_provider_response');
    expect(h.idp.calls.stray).toBe(0);
    expect(h.idp.calls.userinfo).toBe(0);
  });

  it('no answer at all: gives up after PROVIDER_TIMEOUT → provider_unavailable', async () => {
    h.idp.script({ token: 'hang' });
    const started = Date.now();
    expectRefused(await h.attempt(), 'provider_unavailable');
    // PROVIDER_TIMEOUT is 2 s in this harness: it waited for it, and not much longer.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(h.idp.calls.userinfo).toBe(0);
  });
});
