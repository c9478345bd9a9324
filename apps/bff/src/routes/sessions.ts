import type Router from '@koa/router';
import type { Context } from 'koa';
import type { SessionInfo } from '@sso/profile';
import type { Deps } from '../deps.js';
import { AppError, ErrorCode } from '../errors.js';
import { isSignedIn, type SessionData } from '../auth/session.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** "Signed-in devices": the user's sessions, and signing out one of them or all the others. */
export function sessionListRoutes(router: Router, deps: Deps): void {
  const { store, metrics, now } = deps;

  const current = (ctx: Context): SessionData => {
    if (!isSignedIn(ctx.session)) throw new AppError(ErrorCode.Unauthenticated);
    return ctx.session;
  };

  const list = async (me: SessionData): Promise<SessionInfo[]> =>
    (await store.sessions.listForUser(me.userId, now())).map((s) => ({
      id: s.publicId,
      provider: s.provider,
      createdAt: iso(s.createdAt),
      lastSeenAt: iso(s.lastSeenAt),
      expiresAt: iso(s.expiresAt),
      current: s.publicId === me.publicId,
      userAgent: s.userAgent,
    }));

  router.get('/auth/sessions', async (ctx) => {
    ctx.body = await list(current(ctx));
  });

  // The CSRF check (X-CSRF: 1, allowed Origin) runs before both in app.ts.
  router.delete('/auth/sessions', async (ctx) => {
    const me = current(ctx);
    const ended = await store.sessions.destroyAllForUser(me.userId, me.publicId, 'signed_out_elsewhere');
    ctx.log.info({ userId: me.userId, ended }, 'signed out other sessions');
    metrics.sessionEnded('signed_out_elsewhere', ended);
    ctx.body = await list(me);
  });

  router.delete('/auth/sessions/:id', async (ctx) => {
    const me = current(ctx);
    const id = String(ctx.params.id);
    if (id === me.publicId) {
      // Revoking this very session is signing out.
      ctx.session = null;
      metrics.sessionEnded('signed_out');
      ctx.body = [];
      return;
    }
    if (!(await store.sessions.destroyByPublicId(me.userId, id, 'signed_out_elsewhere'))) throw new AppError(ErrorCode.NotFound, { detail: 'no such session for this user' });
    ctx.log.info({ userId: me.userId }, 'signed out one session');
    metrics.sessionEnded('signed_out_elsewhere');
    ctx.body = await list(me);
  });
}
