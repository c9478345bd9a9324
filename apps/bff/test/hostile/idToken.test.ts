import { describe, expect, it } from 'vitest';
import { CLIENT_ID } from '../support/harness.js';
import { expectRefused, useHostileHarness, type HostileHarness } from '../support/hostile/bff.js';

// OpenID Connect Core §3.1.3.7: every rule an ID token from the token endpoint must pass. Each
// failure is invalid_provider_response (the answer failed our checks: the provider did not refuse
// anything, it sent something we must not believe), and userinfo is never asked about a subject
// we did not accept.

let h: HostileHarness;
useHostileHarness((started) => (h = started));

const now = () => Math.floor(Date.now() / 1000);

describe('the hostile provider, behaving', () => {
  it('signs in (the control: the refusals below are about what they change, not about the provider)', async () => {
    const attempt = await h.attempt();
    expect(attempt.location).toBe('/');
    expect(attempt.sessionCookie).toBe(true);
    expect(attempt.me.status).toBe(200);
    expect(attempt.me.body.user).toMatchObject({ subject: h.idp.subject, name: 'Mallory Hostile' });
    expect(h.idp.calls).toMatchObject({ authorize: 1, token: 1, userinfo: 1 });
  });

  // The counterparts of the refusals below: what Core allows still signs in, so each refusal is
  // about the one thing it changes.
  it.each([
    ['several audiences with azp naming us (Core §3.1.3.7 (4)–(5))', { aud: [CLIENT_ID, 'another-client'], azp: CLIENT_ID }],
    ['an iat ten seconds ahead (ordinary clock skew)', { iat: now() + 10 }],
  ])('still signs in with %s', async (_, claims) => {
    h.idp.script({ idToken: claims });
    const attempt = await h.attempt();
    expect(attempt.location).toBe('/');
    expect(attempt.me.status).toBe(200);
  });
});

describe('an ID token is refused, with no session and no userinfo call, when', () => {
  it.each([
    ['it names another issuer', { iss: 'https://evil.example' }],
    ['it is for another client', { aud: 'another-client' }],
    // Core §3.1.3.7 (3)–(4): an extra audience nobody vouches for (no azp) is not trusted.
    ['it has an extra audience and no azp', { aud: [CLIENT_ID, 'another-client'] }],
    ['it has an extra audience and an azp of another client', { aud: [CLIENT_ID, 'another-client'], azp: 'another-client' }],
    ['it has no sub', { sub: undefined }],
    ['it has expired', { iat: now() - 7200, auth_time: now() - 7200, exp: now() - 3600 }],
    // Core §3.1.3.7 (10): a token "issued" an hour from now comes from a broken or forging clock.
    ['its iat is an hour in the future', { iat: now() + 3600, exp: now() + 4200 }],
    ['its nonce is another login’s', { nonce: 'nonce-of-another-login' }],
    ['it has no nonce (we sent one)', { nonce: undefined }],
  ])('%s', async (_, claims) => {
    h.idp.script({ idToken: claims });
    expectRefused(await h.attempt(), 'invalid_provider_response');
    expect(h.idp.calls.token).toBe(1);
    expect(h.idp.calls.userinfo).toBe(0);
  });

  it('the token answer has no id_token at all (an OAuth 2.0 answer to an OpenID request)', async () => {
    h.idp.script({ idToken: null });
    expectRefused(await h.attempt(), 'invalid_provider_response');
    expect(h.idp.calls.userinfo).toBe(0);
  });
});
