import type { Identity as IdentityView } from '@sso/profile';
import type { Deps } from '../deps.js';
import { AppError, ErrorCode } from '../errors.js';
import type { SessionData } from '../auth/session.js';
import { requireSession } from '../auth/sessionMiddleware.js';
import type { Identity } from '../store/types.js';
import type { RouteTable } from './table.js';

/** The signed-in user's connected accounts: list (`GET`) and disconnect (`DELETE`). */
export function identityRoutes(routes: RouteTable, deps: Deps): void {
  const { store, providers, metrics } = deps;

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

  routes.get('/auth/identities', 'api', async (ctx) => {
    ctx.body = await list(requireSession(ctx));
  });

  // An `api` route: the CSRF check (X-CSRF: 1, our Origin) runs before this (app.ts).
  routes.delete('/auth/identities/:provider/:subject', 'api', async (ctx) => {
    const current = requireSession(ctx);
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
