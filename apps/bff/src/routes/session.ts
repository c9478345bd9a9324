import type Router from '@koa/router';
import { sessionEndMessages, type MeResponse, type SessionEndReason } from '@sso/profile';
import type { Context } from 'koa';
import type { Deps } from '../deps.js';
import { describeError } from '../logger.js';
import { endSessionRequest } from '../auth/endSessionRequest.js';
import { createHandoff } from '../auth/logoutHandoff.js';
import { signLogoutState, verifyLogoutState } from '../auth/logoutState.js';
import { safeReturnTo } from '../auth/returnTo.js';
import type { TokenCipher } from '../auth/tokenCipher.js';
import { AppError, ErrorCode } from '../errors.js';
import { renderError } from '../middleware/errors.js';
import { isSignedIn, sessionEndsAt, type SessionData } from '../auth/session.js';
import { cookieSessionId, sessionIdentity } from '../auth/sessionMiddleware.js';
import { sessionTiming } from '../config/index.js';
import { routeAllows } from './apiProxy.js';
import { END_SESSION_PATH, POST_LOGOUT_PATH } from './endSession.js';

/** The everyday 401 of `/auth/me`, made once: it is only ever rendered, never changed or thrown. */
const NOT_SIGNED_IN = new AppError(ErrorCode.Unauthenticated);

/** The signed-in user (`GET /auth/me`) and sign-out (`POST /auth/logout`). */
export function sessionRoutes(router: Router, deps: Deps, cipher: TokenCipher): void {
  const { store, logger, config } = deps;
  const timing = sessionTiming(config);

  /**
   * The post-logout redirect for RP-initiated logout: always /auth/logged-out with the target
   * (/login by default) signed in a short-lived `state`. Some providers send the browser back only
   * when the request carries a `state`, so there is always one.
   */
  const postLogout = (target: string): { postLogoutRedirectUri: string; state: string } => ({
    postLogoutRedirectUri: new URL(POST_LOGOUT_PATH, config.publicUrl).href,
    state: signLogoutState(target, config.sessionSecret, deps.now() + config.loginTimeout * 1000),
  });

  /**
   * Where the browser goes to end the provider's session too (RP-initiated logout), or null for a
   * local sign-out only. The ID token never goes into this URL: a request that needs it is kept on
   * the server, and the URL is our end-session page's, with a one-time id (routes/endSession.ts).
   */
  const endAtProvider = async (data: SessionData, target: string): Promise<string | null> => {
    const provider = deps.providers.get(data.provider);
    const options = config.providers.find((p) => p.id === data.provider);
    if (!provider?.endSessionEndpoint || options?.kind !== 'oidc') return null;
    const endpoint = await provider.endSessionEndpoint().catch((err: unknown) => {
      // The provider is down: the local sign-out still happens.
      logger.warn({ provider: data.provider, failure: describeError(err) }, 'no end-session endpoint; local sign-out only');
      return null;
    });
    if (!endpoint) return null;
    const request = endSessionRequest({
      endpoint,
      clientId: options.clientId,
      idToken: data.tokens?.idToken ?? null,
      subject: data.subject,
      sid: data.sid,
      hint: config.logoutHints[data.provider],
      ...postLogout(target),
    });
    if (!request) return null;
    if (request.kind === 'redirect') return request.url;
    const page = new URL(END_SESSION_PATH, config.publicUrl);
    page.searchParams.set('id', await createHandoff({ store, cipher, now: deps.now }, request.form));
    return page.href;
  };

  /**
   * The 401 of `/auth/me`. A cookie whose session another device signed out gets told so, once:
   * the marker goes, and the cookie with it.
   */
  const unauthenticated = async (ctx: Context): Promise<AppError> => {
    const id = cookieSessionId(ctx);
    const reason = id ? await store.sessions.takeEndReason(id, deps.now()) : undefined;
    if (!reason || !Object.hasOwn(sessionEndMessages, reason)) return NOT_SIGNED_IN;
    ctx.session = null;
    return new AppError(ErrorCode.Unauthenticated, {
      reason,
      publicMessage: sessionEndMessages[reason as SessionEndReason],
      detail: `session ended: ${reason}`,
    });
  };

  router.get('/auth/me', async (ctx) => {
    const data = ctx.session;
    // Not signed in is the common answer here, and never logged: rendered, not thrown.
    if (!isSignedIn(data)) return renderError(ctx, await unauthenticated(ctx));
    // Read with the session, in the same query (auth/sessionMiddleware.ts).
    // A row from an older build has no provider column to join on: read the identity by itself.
    const identity = sessionIdentity(ctx) ?? (await store.users.getIdentity(data.provider, data.subject));
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
      apis: config.apiRoutes.map((route) => ({
        prefix: route.prefix,
        methods: route.methods,
        providers: route.providers,
        available: routeAllows(route, data.provider),
      })),
    };
    ctx.body = body;
  });

  // The CSRF check runs before this (app.ts): without `X-CSRF: 1` nothing here happens.
  router.post('/auth/logout', async (ctx) => {
    const data = ctx.session;
    // Where the browser ends up: /login, or (other frontends) a path or allowed frontend URL.
    const target = safeReturnTo(ctx.query.returnTo ?? '/login', config.publicUrl, config.frontendOrigins, '/login');
    let redirectTo = target;
    if (isSignedIn(data)) {
      // Full logout: the browser goes on to the provider so that its session ends too.
      if (config.logoutAtProvider) redirectTo = (await endAtProvider(data, target)) ?? target;
      ctx.log.info({ provider: data.provider, userId: data.userId }, 'signed out');
      deps.metrics.sessionEnded('signed_out');
    }
    // Destroys the session in the store and expires the cookie, whatever the provider says.
    ctx.session = null;
    ctx.body = { redirectTo };
  });

  // Back from the provider's end-session page with somewhere else to go than /login.
  router.get(POST_LOGOUT_PATH, (ctx) => {
    ctx.state.navigation = true;
    const target = config.sessionSecrets.map((secret) => verifyLogoutState(ctx.query.state, secret, deps.now())).find(Boolean);
    ctx.redirect(target ?? '/login');
  });
}
