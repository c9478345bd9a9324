import Router from '@koa/router';
import type { MeResponse } from '@sso/profile';
import type { Deps } from '../deps.js';
import { describeError } from '../logger.js';
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
  router.post('/auth/logout', async (ctx) => {
    const data = ctx.session;
    let redirectTo = '/login';
    if (isSignedIn(data)) {
      logger.info({ provider: data.provider, userId: data.userId }, 'signed out');
      // Full logout: send the browser on to the provider so that its session ends too
      // (RP-initiated logout, with id_token_hint and our registered post-logout redirect).
      const provider = deps.providers.get(data.provider);
      if (deps.config.logoutAtProvider && data.tokens?.idToken && provider?.endSessionUrl) {
        const url = await provider
          .endSessionUrl({ idToken: data.tokens.idToken, postLogoutRedirectUri: new URL('/login', deps.config.publicUrl).href })
          .catch((err: unknown) => {
            // The provider is down: the local sign-out still happens.
            logger.warn({ provider: data.provider, failure: describeError(err) }, 'no end-session URL; local sign-out only');
            return null;
          });
        if (url) redirectTo = url.href;
      }
    }
    // Destroys the session in the store and expires the cookie, whatever the provider says.
    ctx.session = null;
    ctx.body = { redirectTo };
  });

  return router;
}
