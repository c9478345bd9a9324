import { describe, expect, it } from 'vitest';
import { expectRefused, useHostileHarness, type HostileHarness } from '../support/hostile/bff.js';
import { json } from '../support/hostile/http.js';

// Userinfo comes after a valid ID token; it adds profile claims but must never change who signed in.

let h: HostileHarness;
useHostileHarness((started) => (h = started));

describe('a userinfo answer ends the sign-in with no session when', () => {
  it('it is about another subject (Core §5.3.2: sub must match the ID token) → invalid_provider_response', async () => {
    h.idp.script({ userinfo: (honest) => json(200, { ...honest, sub: 'someone-else', email: 'victim@example.com' }) });
    expectRefused(await h.attempt(), 'invalid_provider_response');
    expect(h.idp.calls.userinfo).toBe(1);
  });

  it('it is a 500 → provider_unavailable (down, not lying: trying again may work)', async () => {
    h.idp.script({ userinfo: () => json(500, { error: 'server_error' }) });
    expectRefused(await h.attempt(), 'provider_unavailable');
    expect(h.idp.calls.userinfo).toBe(1);
  });
});
