import { sessionEndMessages, type SessionEndReason } from '@sso/profile';
import type { Context } from 'koa';
import type { Deps } from '../deps.js';
import { AppError, ErrorCode } from '../errors.js';
import { renderError } from '../middleware/errors.js';
import { isSignedIn } from '../auth/session.js';
import { cookieSessionId, sessionIdentity } from '../auth/sessionMiddleware.js';
import { sessionTiming } from '../config/index.js';
import { MeBodies } from './meBody.js';
import { answerJson } from './answerJson.js';
import type { RouteTable } from './table.js';

/** The everyday 401 of `/auth/me`, made once: it is only ever rendered, never changed or thrown. */
const NOT_SIGNED_IN = new AppError(ErrorCode.Unauthenticated);

/** The signed-in user (`GET /auth/me`): who, with which provider, until when, and which APIs. */
export function meRoutes(routes: RouteTable, deps: Deps): void {
  const { store, config } = deps;
  const bodies = new MeBodies(config.apiRoutes, sessionTiming(config));

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

  routes.get('/auth/me', 'api', async (ctx) => {
    const data = ctx.session;
    // Not signed in is the common answer here, and never logged: rendered, not thrown. Not
    // requireSession's plain 401 either: this one says why a session ended, once.
    if (!isSignedIn(data)) return renderError(ctx, await unauthenticated(ctx));
    // Read with the session, in the same query (auth/sessionMiddleware.ts).
    // A row from an older build has no provider column to join on: read the identity by itself.
    const identity = sessionIdentity(ctx) ?? (await store.users.getIdentity(data.provider, data.subject));
    if (!identity || identity.userId !== data.userId) {
      // The user or identity is gone (deleted, unlinked): the session means nothing any more.
      ctx.session = null;
      throw new AppError(ErrorCode.Unauthenticated, { detail: 'session user no longer exists' });
    }
    answerJson(ctx, bodies.body(cookieSessionId(ctx), identity, data));
  });
}
