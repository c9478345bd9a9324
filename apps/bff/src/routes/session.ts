import Router from '@koa/router';
import type { MeResponse } from '@sso/profile';
import type { Deps } from '../deps.js';
import { AppError, ErrorCode } from '../errors.js';
import { isSignedIn, sessionEndsAt } from '../auth/session.js';
import { sessionTiming } from '../config.js';

/** The signed-in user (`GET /auth/me`) and sign-out (`POST /auth/logout`). */
export function sessionRoutes(deps: Deps): Router {
  const { store, logger } = deps;
  const timing = sessionTiming(deps.config);
  const router = new Router();

  router.get('/auth/me', async (ctx) => {
    const data = ctx.session;
    if (!isSignedIn(data)) throw new AppError(ErrorCode.Unauthenticated);
    const identity = await store.users.getIdentity(data.provider, data.subject);
    if (!identity || identity.userId !== data.userId) {
      // The user or identity is gone (deleted, unlinked): the session means nothing any more.
      ctx.session = null;
      throw new AppError(ErrorCode.Unauthenticated, { detail: 'session user no longer exists' });
    }
    const body: MeResponse = {
      user: {
        id: identity.userId,
        provider: identity.provider,
        subject: identity.subject,
        name: identity.name,
        email: identity.email,
        emailVerified: identity.emailVerified,
        avatarUrl: identity.avatarUrl,
      },
      provider: data.provider,
      expiresAt: new Date(sessionEndsAt(data, timing)).toISOString(),
      absoluteExpiresAt: new Date(data.expiresAt).toISOString(),
      idleExpiresAt: new Date(data.lastSeenAt + timing.idleSeconds * 1000).toISOString(),
    };
    ctx.body = body;
  });

  // The CSRF check runs before this (app.ts): without `X-CSRF: 1` nothing here happens.
  router.post('/auth/logout', (ctx) => {
    const data = ctx.session;
    if (isSignedIn(data)) logger.info({ provider: data.provider, userId: data.userId }, 'signed out');
    // Destroys the session in the store and expires the cookie.
    ctx.session = null;
    ctx.body = { redirectTo: '/login' };
  });

  return router;
}
