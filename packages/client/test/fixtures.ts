import type { Identity, MeResponse, SessionInfo } from '@sso/profile';

export const me: MeResponse = {
  user: {
    id: 'u-1',
    provider: 'dev',
    subject: 'alice',
    name: 'Alice Liddell',
    email: 'alice@example.com',
    emailVerified: true,
    avatarUrl: null,
  },
  provider: 'dev',
  expiresAt: '2025-03-04T18:00:00.000Z',
  absoluteExpiresAt: '2025-03-04T18:00:00.000Z',
  idleExpiresAt: '2025-03-04T20:00:00.000Z',
  apis: [{ prefix: '/api/demo', methods: ['GET', 'POST'], providers: ['dev'], available: true }],
};

export function identity(overrides: Partial<Identity> = {}): Identity {
  return {
    provider: 'github',
    providerName: 'GitHub',
    subject: '1001',
    name: 'Alice Liddell',
    email: 'alice@example.com',
    emailVerified: true,
    avatarUrl: null,
    linkedAt: '2025-01-02T10:00:00.000Z',
    lastLoginAt: '2025-03-04T10:00:00.000Z',
    current: false,
    ...overrides,
  };
}

export function session(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    id: 's-1',
    provider: 'dev',
    createdAt: '2025-03-04T10:00:00.000Z',
    lastSeenAt: '2025-03-04T11:00:00.000Z',
    expiresAt: '2025-03-04T18:00:00.000Z',
    current: true,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
    ...overrides,
  };
}
