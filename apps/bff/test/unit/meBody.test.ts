import { MeResponseSchema } from '@sso/profile';
import { describe, expect, it } from 'vitest';
import type { SessionData } from '../../src/auth/session.js';
import { MeBodies } from '../../src/routes/meBody.js';
import type { Identity } from '../../src/store/types.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 2, 12, 0, 0, 0);
const timing = { lifetimeSeconds: 24 * 3600, idleSeconds: 3600 };
const routes = [
  { prefix: '/api/orders', upstream: new URL('http://127.0.0.1:9/v1'), methods: ['GET'], providers: ['oidc'] },
  { prefix: '/api/any', upstream: new URL('http://127.0.0.1:9/any'), methods: ['GET', 'POST'], providers: null },
];

// Fresh objects at every call, as the store gives them (a new row per request).
const identity = (changes: Partial<Identity> = {}): Identity => ({
  userId: 'user-1',
  provider: 'oidc',
  subject: 'sub-1',
  name: 'Ada',
  email: 'ada@example.test',
  emailVerified: true,
  avatarUrl: null,
  createdAt: T0,
  lastLoginAt: T0,
  ...changes,
});
const session = (changes: Partial<SessionData> = {}): SessionData =>
  ({
    userId: 'user-1',
    provider: 'oidc',
    subject: 'sub-1',
    publicId: 'pub',
    sid: null,
    createdAt: T0,
    lastSeenAt: T0,
    expiresAt: T0 + 24 * HOUR,
    userAgent: null,
    ...changes,
  }) as SessionData;

describe('the /auth/me answer', () => {
  it('renders who, until when and which APIs, in the shared schema', () => {
    const body = JSON.parse(new MeBodies(routes, timing).body('s1', identity(), session({ lastSeenAt: T0 + HOUR }))) as unknown;
    expect(MeResponseSchema.parse(body)).toEqual({
      user: {
        id: 'user-1',
        provider: 'oidc',
        subject: 'sub-1',
        name: 'Ada',
        email: 'ada@example.test',
        emailVerified: true,
        avatarUrl: null,
      },
      provider: 'oidc',
      expiresAt: '2026-12-02T14:00:00.000Z',
      absoluteExpiresAt: '2026-12-03T12:00:00.000Z',
      idleExpiresAt: '2026-12-02T14:00:00.000Z',
      apis: [
        { prefix: '/api/orders', methods: ['GET'], providers: ['oidc'], available: true },
        { prefix: '/api/any', methods: ['GET', 'POST'], providers: null, available: true },
      ],
    });
  });

  it('gives the remembered answer while every input is the same', () => {
    const bodies = new MeBodies(routes, timing);
    const first = bodies.body('s1', identity(), session());
    expect(bodies.body('s1', identity(), session())).toBe(first);
  });

  it.each([
    ['a new name', { name: 'Ada Lovelace' }, {}, '"name":"Ada Lovelace"'],
    ['an email no longer verified', { emailVerified: false }, {}, '"emailVerified":false'],
    ['a new picture', { avatarUrl: 'https://img.example.test/a.png' }, {}, '"avatarUrl":"https://img.example.test/a.png"'],
    ['a later activity stamp', {}, { lastSeenAt: T0 + 5 * 60_000 }, '"idleExpiresAt":"2026-12-02T13:05:00.000Z"'],
    ['another provider', {}, { provider: 'github' }, '"provider":"github","expiresAt"'],
  ] as const)('renders anew for %s', (_what, identityChanges, sessionChanges, expected) => {
    const bodies = new MeBodies(routes, timing);
    const first = bodies.body('s1', identity(), session());
    const next = bodies.body('s1', identity(identityChanges), session(sessionChanges));
    expect(next).not.toBe(first);
    expect(next).toContain(expected);
    // And the new answer is the one remembered from then on.
    expect(bodies.body('s1', identity(identityChanges), session(sessionChanges))).toBe(next);
  });

  it('keeps each session’s answer apart, and renders without remembering when there is no id', () => {
    const bodies = new MeBodies(routes, timing);
    const ada = bodies.body('s1', identity(), session());
    const bob = bodies.body('s2', identity({ userId: 'user-2', name: 'Bob' }), session({ userId: 'user-2' }));
    expect(bob).toContain('"name":"Bob"');
    expect(bodies.body('s1', identity(), session())).toBe(ada);
    expect(bodies.body(undefined, identity(), session())).toEqual(ada);
  });
});
