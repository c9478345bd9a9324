import type { SessionInfo } from '@sso/profile';
import type { Deps } from '../deps.js';
import { AppError, ErrorCode } from '../errors.js';
import type { SessionData } from '../auth/session.js';
import { requireSession } from '../auth/sessionMiddleware.js';
import type { RouteTable } from './table.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** "Signed-in devices" (`/auth/sessions`): the user's sessions, and signing out one of them or all the others. */
export function deviceRoutes(routes: RouteTable, deps: Deps): void {
  const { store, metrics, now } = deps;

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

  routes.get('/auth/sessions', 'api', async (ctx) => {
    ctx.body = await list(requireSession(ctx));
  });

  // `api` routes: the CSRF check (X-CSRF: 1, allowed Origin) runs before both (app.ts).
  routes.delete('/auth/sessions', 'api', async (ctx) => {
    const me = requireSession(ctx);
    const ended = await store.sessions.destroyAllForUser(me.userId, me.publicId, 'signed_out_elsewhere');
    ctx.log.info({ userId: me.userId, ended }, 'signed out other sessions');
    metrics.sessionEnded('signed_out_elsewhere', ended);
    ctx.body = await list(me);
  });

  routes.delete('/auth/sessions/:id', 'api', async (ctx) => {
    const me = requireSession(ctx);
    const id = String(ctx.params.id);
    if (id === me.publicId) {
      // Revoking this very session is signing out.
      ctx.session = null;
      metrics.sessionEnded('signed_out');
      ctx.body = [];
      return;
    }
    if (!(await store.sessions.destroyByPublicId(me.userId, id, 'signed_out_elsewhere')))
      throw new AppError(ErrorCode.NotFound, { detail: 'no such session for this user' });
    ctx.log.info({ userId: me.userId }, 'signed out one session');
    metrics.sessionEnded('signed_out_elsewhere');
    ctx.body = await list(me);
  });
}
