import { describe, expect, it } from 'vitest';
import { afterAnswer, afterFailure, LOADING, SIGNED_OUT, type SessionState } from '../src/react/sessionState.js';
import { SsoError } from '../src/index.js';
import { me } from './fixtures.js';

const storeDown = () =>
  new SsoError('store_unavailable', 503, 'The service is temporarily unavailable.', { requestId: 'req-1', retryAfter: 1 });
const signedIn: SessionState = { status: 'signed-in', session: me, error: null, ended: null, unavailable: null };

describe('the session after a failed check', () => {
  it('a 503 while signed in keeps the session and marks it unavailable, quiet or not', () => {
    const failure = storeDown();
    for (const quiet of [true, false]) {
      expect(afterFailure(signedIn, failure, quiet)).toEqual({ ...signedIn, unavailable: failure });
    }
  });

  it('a 503 while signed out stays signed out (keeping why), marked unavailable', () => {
    const ended = { reason: 'signed_out_elsewhere', message: 'You were signed out from another device.' };
    const failure = storeDown();
    expect(afterFailure({ ...SIGNED_OUT, ended }, failure, true)).toEqual({ ...SIGNED_OUT, ended, unavailable: failure });
  });

  it('a 503 on the first check is an error that is also unavailable, never signed out', () => {
    const failure = storeDown();
    expect(afterFailure(LOADING, failure, false)).toEqual({
      status: 'error',
      session: null,
      error: failure,
      ended: null,
      unavailable: failure,
    });
  });

  it('a 503 with provider_unavailable counts as unavailable too', () => {
    const failure = new SsoError('provider_unavailable', 503, 'The sign-in provider cannot be reached right now.');
    expect(afterFailure(signedIn, failure, true).unavailable).toBe(failure);
  });

  it('any other failure of a quiet check changes nothing; of a visible one, it is an error', () => {
    const offline = new SsoError('network_error', 0, 'Could not reach the server.');
    expect(afterFailure(signedIn, offline, true)).toBe(signedIn);
    expect(afterFailure(signedIn, offline, false)).toEqual({
      status: 'error',
      session: null,
      error: offline,
      ended: null,
      unavailable: null,
    });
  });

  it('a quiet failure during an outage keeps the outage (and so its retries)', () => {
    const unavailable = { ...signedIn, unavailable: storeDown() };
    expect(afterFailure(unavailable, new SsoError('network_error', 0, 'Offline.'), true)).toBe(unavailable);
  });
});

describe('the session after an answer', () => {
  it('once the BFF answers again, the same session is shown and no longer unavailable', () => {
    expect(afterAnswer({ ...signedIn, unavailable: storeDown() }, me)).toEqual(signedIn);
  });

  it('an unchanged session is the same object, so nothing re-renders', () => {
    expect(afterAnswer(signedIn, structuredClone(me))).toBe(signedIn);
  });

  it('a 401 after an outage is signed out, and the outage is over', () => {
    expect(afterAnswer({ ...signedIn, unavailable: storeDown() }, null)).toBe(SIGNED_OUT);
    const ended = { reason: 'signed_out_elsewhere', message: 'Signed out elsewhere.' };
    expect(afterAnswer({ ...SIGNED_OUT, ended, unavailable: storeDown() }, null)).toEqual({ ...SIGNED_OUT, ended });
  });
});
