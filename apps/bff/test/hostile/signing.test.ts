import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectLogsClean, expectRefused, startHostileHarness, type HostileHarness } from '../support/hostile/bff.js';

// The ID token's signature, verified against the provider's JWKS even though the token came
// straight from the token endpoint (providers/idTokenSignature.ts), with the algorithm pinned to
// RS256 whatever discovery advertises (Core §3.1.3.7 (7)). Every case starts a fresh BFF: the keys
// are kept per provider, and these tests count their fetches.

const running: HostileHarness[] = [];
afterEach(async () => {
  vi.useRealTimers();
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

/**
 * The BFF refetches the JWKS for an unknown kid only when its copy is at least 30 s old (a token
 * naming a made-up kid cannot make us hammer the provider). Moving Date a minute on
 * stands for the ordinary case: keys cached a while ago, a rotation now.
 */
function aMinuteLater(): void {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000, shouldAdvanceTime: true });
}

describe('while discovery advertises weaker algorithms (RS256, HS256 and none)', () => {
  const weak = { id_token_signing_alg_values_supported: ['RS256', 'HS256', 'none'] };

  it('an RS256 token from the published key signs in (the control)', async () => {
    const h = await harness(weak);
    expect((await h.attempt()).me.status).toBe(200);
  });

  it.each([
    ['an unsigned ID token (alg: none)', 'none'],
    ['an ID token "signed" with HS256 keyed by our own client secret (algorithm confusion)', 'hs256-client-secret'],
  ] as const)('%s is refused, with no session and no userinfo call', async (_, signing) => {
    const h = await harness(weak);
    h.idp.script({ signing });
    expectRefused(await h.attempt(), 'invalid_provider_response');
    expect(h.idp.calls.userinfo).toBe(0);
  });
});

describe('the signature and the key', () => {
  it('an ID token whose claims were changed after signing (a bad signature) is refused', async () => {
    const h = await harness();
    h.idp.script({ signing: 'tampered' });
    expectRefused(await h.attempt(), 'invalid_provider_response');
    expect(h.idp.calls.userinfo).toBe(0);
  });

  it('an ID token signed by a key the JWKS never lists (unknown kid) is refused, after one refetch and no more', async () => {
    const h = await harness();
    expect((await h.attempt()).me.status).toBe(200);
    expect(h.idp.calls.jwks).toBe(1);
    aMinuteLater();
    h.idp.script({ signing: 'unpublished-kid' });
    expectRefused(await h.attempt(), 'invalid_provider_response');
    // The unknown kid made the BFF look again (the key might be new), found nothing, and gave up.
    expect(h.idp.calls.jwks).toBe(2);
    expect(h.idp.calls.userinfo).toBe(1);
  });

  it('an emergency key rotation (new kid, old key withdrawn) is accepted once the BFF refetches the JWKS', async () => {
    const h = await harness();
    expect((await h.attempt()).me.status).toBe(200);
    expect(h.idp.calls.jwks).toBe(1);
    await h.idp.keys.rotate();
    aMinuteLater();
    const attempt = await h.attempt();
    expect(attempt.location).toBe('/');
    expect(attempt.me.status).toBe(200);
    expect(h.idp.calls.jwks).toBe(2);
    // And the new key is kept: the next sign-in needs no fetch of its own.
    expect((await h.attempt()).me.status).toBe(200);
    expect(h.idp.calls.jwks).toBe(2);
  });
});
