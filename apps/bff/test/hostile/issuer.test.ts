import { afterEach, describe, expect, it } from 'vitest';
import { expectLogsClean, expectRefused, startHostileHarness, type HostileHarness } from '../support/hostile/bff.js';

// Who the provider says it is: in discovery (OIDC Discovery §4.3: issuer must be the configured
// one) and on the redirect back (RFC 9207). Both are refused before any code is redeemed.

const running: HostileHarness[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) {
    expectLogsClean(h);
    await h.close();
  }
});

async function harness(metadata?: Record<string, unknown>): Promise<HostileHarness> {
  const h = await startHostileHarness(metadata ? { metadata } : {});
  running.push(h);
  return h;
}

describe('RFC 9207, when discovery advertises authorization_response_iss_parameter_supported', () => {
  it.each([
    ['an iss naming another issuer', 'https://evil.example'],
    ['no iss at all', null],
  ])('a redirect back with %s is refused before the token request', async (_, callbackIss) => {
    const h = await harness();
    h.idp.script({ callbackIss });
    expectRefused(await h.attempt(), 'invalid_provider_response');
    // §2.4: the code is never sent to a token endpoint when the answer may be from another issuer.
    expect(h.idp.calls.token).toBe(0);
  });

  it('a provider that does not advertise it may leave iss out (the control)', async () => {
    const h = await harness({ authorization_response_iss_parameter_supported: false });
    h.idp.script({ callbackIss: null });
    expect((await h.attempt()).me.status).toBe(200);
  });
});

describe('discovery', () => {
  it('whose issuer differs from the configured one is refused at /auth/login, before the user is sent anywhere', async () => {
    const h = await harness({ issuer: 'https://accounts.evil.example' });
    const attempt = await h.attempt();
    expectRefused(attempt, 'invalid_provider_response');
    expect(h.idp.calls.discovery).toBeGreaterThan(0);
    expect(h.idp.calls.authorize).toBe(0);
  });
});
