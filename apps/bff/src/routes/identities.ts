import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Identity as IdentityView } from '@sso/profile';
import type { Deps } from '../deps.js';
import { AppError, ErrorCode } from '../errors.js';
import { isSignedIn, type SessionData } from '../auth/session.js';
import type { Identity } from '../store/types.js';

/** The signed-in user's connected accounts: list (`GET`) and disconnect (`DELETE`). */
export function identityRoutes(router: Router, deps: Deps): void {
  const { store, providers, metrics } = deps;

  const session = (ctx: Context): SessionData => {
    if (!isSignedIn(ctx.session)) throw new AppError(ErrorCode.Unauthenticated);
    return ctx.session;
  };

  const view = (identity: Identity, current: SessionData): IdentityView => ({
    provider: identity.provider,
    providerName: providers.get(identity.provider)?.name ?? identity.provider,
    subject: identity.subject,
    name: identity.name,
    email: identity.email,
    emailVerified: identity.emailVerified,
    avatarUrl: identity.avatarUrl,
    linkedAt: new Date(identity.createdAt).toISOString(),
    lastLoginAt: new Date(identity.lastLoginAt).toISOString(),
    current: identity.provider === current.provider && identity.subject === current.subject,
  });

  const list = async (current: SessionData) => (await store.users.listIdentities(current.userId)).map((i) => view(i, current));

  router.get('/auth/identities', async (ctx) => {
    ctx.body = await list(session(ctx));
  });

  // The CSRF check (X-CSRF: 1, our Origin) runs before this in app.ts.
  router.delete('/auth/identities/:provider/:subject', async (ctx) => {
    const current = session(ctx);
    const { provider, subject } = ctx.params as { provider: string; subject: string };
    // So the session doing this is never among those the disconnect ends.
    if (provider === current.provider && subject === current.subject) throw new AppError(ErrorCode.CurrentIdentity);
    // The sessions that signed in with the account end with it, in the same transaction and so on
    // every instance (sessions live in the shared store); their next request learns why, once.
    const result = await store.users.unlink(current.userId, provider, subject, 'signed_out_elsewhere');
    if (result.status === 'not_found') throw new AppError(ErrorCode.NotFound, { detail: 'no such identity for this user' });
    if (result.status === 'last') throw new AppError(ErrorCode.LastIdentity);
    metrics.sessionEnded('signed_out_elsewhere', result.endedSessions);
    ctx.log.info({ provider, userId: current.userId, endedSessions: result.endedSessions }, 'account unlinked');
    ctx.body = await list(current);
  });
}
