/**
 * Development defaults: each announces itself in the log, and none applies when
 * NODE_ENV=production (a secret is never defaulted there).
 */
export const DEV_SESSION_SECRET = 'dev-only-session-secret-do-not-use-in-production';

/** The dev IdP (packages/dev-idp) as `pnpm dev` starts it; its client's credentials are public. */
export const DEV_IDP = {
  issuer: 'http://localhost:4000',
  clientId: 'sso-dev',
  clientSecret: 'dev-only-secret-not-for-production',
} as const;

/** The example frontend (apps/example-vanilla) runs on :5174 in development. */
export const DEV_FRONTEND_ORIGIN = 'http://localhost:5174';

/**
 * The demo API (apps/demo-api) behind /api/demo in development. It checks tokens at the dev IdP,
 * so only dev IdP sessions can use it (a GitHub token would only be refused there).
 */
export const DEV_API_ROUTE = '/api/demo=http://localhost:4100/api/demo|GET,POST|providers=dev';
