import { describe, expect, it } from 'vitest';
import {
  ApiErrorSchema,
  ErrorCode,
  MeResponseSchema,
  errorMessages,
  isErrorCode,
  messageFor,
  UNKNOWN_ERROR_MESSAGE,
} from '../src/index.js';

describe('@sso/profile', () => {
  it('every error code has a readable message', () => {
    for (const code of Object.values(ErrorCode)) expect(errorMessages[code]).toMatch(/\w+/);
  });

  it('an unknown code from a newer server still gets a readable message', () => {
    expect(messageFor('something_new')).toBe(UNKNOWN_ERROR_MESSAGE);
    // A crafted link must not make us blame ourselves, nor reach Object.prototype.
    expect(messageFor('something_new')).not.toBe(errorMessages.internal_error);
    expect(messageFor('constructor')).toBe(UNKNOWN_ERROR_MESSAGE);
    expect(messageFor('Your account is locked. Call support')).toBe(UNKNOWN_ERROR_MESSAGE);
    expect(isErrorCode('access_denied')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(messageFor('access_denied')).toMatch(/cancelled/);
  });

  it('the /auth/me schema refuses a body without a subject or with extra token fields stripped', () => {
    const valid = {
      user: { id: 'u', provider: 'dev', subject: 's', name: null, email: null, emailVerified: null, avatarUrl: null },
      provider: 'dev',
      expiresAt: new Date().toISOString(),
      absoluteExpiresAt: new Date().toISOString(),
      idleExpiresAt: new Date().toISOString(),
      apis: [{ prefix: '/api/demo', methods: ['GET'], providers: null, available: true }],
    };
    expect(MeResponseSchema.parse(valid)).toEqual(valid);
    expect(MeResponseSchema.safeParse({ ...valid, user: { ...valid.user, subject: undefined } }).success).toBe(false);
    expect(MeResponseSchema.safeParse({ ...valid, apis: [{ prefix: '/api/demo' }] }).success).toBe(false);
    expect(ApiErrorSchema.safeParse({ error: 'not_a_code', message: 'x' }).success).toBe(false);
    expect(ApiErrorSchema.safeParse({ error: 'unauthenticated', message: 'x', reason: 'signed_out_elsewhere' }).success).toBe(true);
  });
});
