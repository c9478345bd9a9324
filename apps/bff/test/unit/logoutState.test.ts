import { describe, expect, it } from 'vitest';
import { signLogoutState, verifyLogoutState } from '../../src/auth/logoutState.js';

const SECRET = 'x'.repeat(40);

describe('the signed post-logout state', () => {
  it('round-trips a target until it expires', () => {
    const state = signLogoutState('https://admin.example.com/bye', SECRET, 2_000);
    expect(verifyLogoutState(state, SECRET, 1_999)).toBe('https://admin.example.com/bye');
    expect(verifyLogoutState(state, SECRET, 2_000)).toBeUndefined();
  });

  it('refuses another secret, a changed payload, and junk', () => {
    const state = signLogoutState('/profile', SECRET, 2_000);
    expect(verifyLogoutState(state, 'y'.repeat(40), 1)).toBeUndefined();
    const [, mac] = state.split('.');
    const forged = `${Buffer.from(JSON.stringify({ r: 'https://evil.example', e: 2_000 })).toString('base64url')}.${mac}`;
    expect(verifyLogoutState(forged, SECRET, 1)).toBeUndefined();
    for (const junk of [undefined, 42, '', 'a.b.c', `${state}.x`, 'x'.repeat(5000)])
      expect(verifyLogoutState(junk, SECRET, 1)).toBeUndefined();
  });
});
