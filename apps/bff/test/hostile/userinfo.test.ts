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

describe('userinfo is skipped only when the verified ID token holds every claim we store', () => {
  const complete = { name: 'Mallory Token', email: 'mallory@token.example', email_verified: true, picture: 'https://token.example/m.png' };

  it('name, email, its verification and a picture in the ID token: no userinfo call, and the profile comes from the token', async () => {
    h.idp.script({ idToken: complete, userinfo: () => json(500, { error: 'must_not_be_called' }) });
    const attempt = await h.attempt();
    expect(attempt.me.status).toBe(200);
    expect(h.idp.calls.userinfo).toBe(0);
    expect(attempt.me.body).toMatchObject({
      user: { name: 'Mallory Token', email: 'mallory@token.example', emailVerified: true, avatarUrl: 'https://token.example/m.png' },
    });
  });

  it('one of them missing (here the picture): userinfo is asked, and its subject still checked', async () => {
    h.idp.script({ idToken: { ...complete, picture: undefined }, userinfo: (honest) => json(200, { ...honest, sub: 'someone-else' }) });
    expectRefused(await h.attempt(), 'invalid_provider_response');
    expect(h.idp.calls.userinfo).toBe(1);
  });
});
