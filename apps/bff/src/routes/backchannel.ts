import coBody from 'co-body';
import type { Context } from 'koa';
import type { Deps } from '../deps.js';
import { isAppError } from '../errors.js';
import { LogThrottle } from '../logThrottle.js';
import type { RateLimitMiddleware } from '../middleware/rateLimit.js';
import type { RouteTable } from './table.js';

const MAX_BODY_BYTES = 64 * 1024;

async function readForm(ctx: Context): Promise<URLSearchParams | undefined> {
  if (!ctx.is('application/x-www-form-urlencoded')) return undefined;
  // co-body, as the dev IdP and the fakes read bodies: a body over the limit is refused unread.
  const text = await (coBody.text(ctx.req, { limit: MAX_BODY_BYTES }) as Promise<string>).catch((): undefined => undefined);
  return text === undefined ? undefined : new URLSearchParams(text);
}

/**
 * OpenID Connect Back-Channel Logout 1.0: the provider POSTs a signed logout token when the user
 * signs out there; we end that user's (or that provider session's) sessions here. Server to
 * server: no cookies, no CSRF header; the token's signature is the authentication.
 */
export function backchannelRoutes(routes: RouteTable, deps: Deps, limit: RateLimitMiddleware): void {
  const { providers, store, logger, metrics } = deps;
  // Anyone can POST here: a flood of bad tokens logs one line per provider and minute, plus a count.
  const refusals = new LogThrottle(logger, { intervalMs: 60_000, now: deps.now });

  routes.post('/auth/backchannel-logout/:provider', 'server-to-server', limit('backchannel'), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const refuse = (description: string) => {
      ctx.status = 400;
      ctx.body = { error: 'invalid_request', error_description: description };
    };
    const provider = providers.get(String(ctx.params.provider));
    if (!provider?.verifyLogoutToken) return refuse('unknown provider or no back-channel logout');
    const form = await readForm(ctx);
    const token = form?.get('logout_token');
    if (!token) return refuse('logout_token is required (application/x-www-form-urlencoded)');
    let who: { subject?: string; sid?: string };
    try {
      who = await provider.verifyLogoutToken(token);
    } catch (err) {
      refusals.warn(
        provider.id,
        { provider: provider.id, requestId: ctx.state.requestId, detail: isAppError(err) ? err.detail : 'error' },
        'back-channel logout refused',
        { provider: provider.id },
      );
      return refuse('the logout token is not valid');
    }
    const ended = await store.sessions.destroyByProviderSession(provider.id, who);
    ctx.log.info({ provider: provider.id, ended, bySid: Boolean(who.sid) }, 'back-channel logout');
    metrics.sessionEnded('backchannel_logout', ended);
    ctx.status = 200;
    ctx.body = { ended };
  });
}
