import type { RouterMiddleware } from '@koa/router';
import type { Context } from 'koa';
import type { Deps } from '../deps.js';
import { AppError, ErrorCode, isAppError, withErrorPage } from '../errors.js';
import { bindingMatches, clearBinding, ensureBinding, hashBinding, readBinding } from '../auth/binding.js';
import { safeReturnTo, withQueryParam } from '../auth/returnTo.js';
import { isSignedIn, newSession, type SessionData } from '../auth/session.js';
import { sessionTiming } from '../config/index.js';
import type { RateLimitMiddleware } from '../middleware/rateLimit.js';
import { randomToken } from '../auth/random.js';
import type { AuthProvider } from '../providers/types.js';
import type { LoginTransaction } from '../store/types.js';
import { answerJson } from './answerJson.js';
import type { RouteTable } from './table.js';
import { redirect } from './redirect.js';

/**
 * Unused login transactions one browser binding keeps: a few tabs signing in at once all work, and
 * a client that keeps its cookie cannot pile up more. (One that drops its cookie gets a new binding
 * each time; the per-address rate limit and the short lifetime bound those.)
 */
const MAX_PENDING_PER_BINDING = 5;

function single(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 2048 ? value : undefined;
}

/**
 * Sign-in: the redirect to the provider and the provider's redirect back (authorization code flow).
 * Both are `navigation` routes: a browser that fails there goes to the sign-in page with a code.
 */
export function authRoutes(routes: RouteTable, deps: Deps, limit: RateLimitMiddleware): void {
  const { config, store, providers, metrics, now } = deps;

  const provider = (ctx: Context) => {
    const id = String((ctx.params as { provider?: string }).provider);
    const found = providers.get(id);
    if (!found) throw new AppError(ErrorCode.UnknownProvider, { detail: `provider "${id.slice(0, 40)}"` });
    return found;
  };

  /**
   * Counts a sign-in step at a configured provider: `login` starts a sign-in, a step that throws
   * fails it with its error code, a callback is timed whatever its end. Success is counted where
   * it happens. Only configured provider ids become label values, never the path's text.
   */
  const measured =
    (step: 'login' | 'callback'): RouterMiddleware =>
    async (ctx, next) => {
      const id = providers.get(String(ctx.params.provider))?.id;
      if (!id) {
        await next();
        return;
      }
      if (step === 'login') metrics.signInStarted(id);
      const started = performance.now();
      try {
        await next();
      } catch (err) {
        metrics.signInFailed(id, isAppError(err) ? err.code : ErrorCode.Internal);
        throw err;
      } finally {
        if (step === 'callback') metrics.callbackSeconds(id, (performance.now() - started) / 1000);
      }
    };

  // The same answer for everyone until the next start: serialised once.
  const providerList = JSON.stringify(
    providers.list.map((p) => ({
      id: p.id,
      name: p.name,
      loginUrl: new URL(`/auth/login/${encodeURIComponent(p.id)}`, config.publicUrl).href,
    })),
  );
  routes.get('/auth/providers', 'api', (ctx) => {
    answerJson(ctx, providerList);
  });

  routes.get('/auth/login/:provider', 'navigation', limit('login'), measured('login'), async (ctx) => {
    const chosen = provider(ctx);
    // "Connect another account": only for a signed-in user. The session cookie is SameSite=Strict,
    // so a link started from another site arrives without it and becomes a plain sign-in.
    const linkUserId = ctx.query.intent === 'link' && isSignedIn(ctx.session) ? ctx.session.userId : null;
    const returnTo = safeReturnTo(ctx.query.returnTo ?? (linkUserId ? '/profile' : undefined), config.publicUrl, config.frontendOrigins);
    const state = randomToken();
    const redirectUri = new URL(`/auth/callback/${encodeURIComponent(chosen.id)}`, config.publicUrl).href;
    const start = await chosen.startLogin({ state, redirectUri });
    const binding = ensureBinding(ctx, { secure: config.secureCookies, maxAgeSeconds: config.loginTimeout });
    const createdAt = now();
    const transaction = {
      state,
      provider: chosen.id,
      bindingHash: hashBinding(binding.value),
      codeVerifier: start.codeVerifier,
      nonce: start.nonce,
      returnTo,
      linkUserId,
      createdAt,
      expiresAt: createdAt + config.loginTimeout * 1000,
    };
    // A binding made just now has no other logins to prune: the insert alone.
    await store.transactions.create(transaction, binding.fresh ? {} : { maxPendingPerBinding: MAX_PENDING_PER_BINDING });
    redirect(ctx, start.url.href);
  });

  routes.get('/auth/callback/:provider', 'navigation', limit('callback'), measured('callback'), async (ctx) => {
    const chosen = provider(ctx);
    const state = single(ctx.query.state);
    if (!state) throw new AppError(ErrorCode.InvalidState, { detail: 'callback without state' });

    /**
     * A used state redeems nothing, whoever sends it. Back at a used callback (the Back button
     * after signing in) still signed in: back where the sign-in went, with nothing created. The
     * binding cookie may be gone by then: it is removed once no login of the browser is pending.
     */
    const used = (returnTo: string) => {
      if (!isSignedIn(ctx.session)) throw new AppError(ErrorCode.LoginReplayed, { detail: 'state already used' });
      ctx.log.info({ provider: chosen.id }, 'used callback revisited while signed in');
      redirect(ctx, returnTo);
    };
    const found = await store.transactions.find(state);
    if (!found) throw new AppError(ErrorCode.InvalidState, { detail: 'unknown state' });
    if (found.consumed) return used(found.returnTo);
    // Checked before the transaction is used up, so a stranger's replay cannot burn a real login.
    const binding = readBinding(ctx, config.secureCookies);
    if (!bindingMatches(binding, found.bindingHash)) {
      throw new AppError(ErrorCode.LoginCookieMissing, { detail: 'binding cookie missing or different' });
    }
    const consumed = await store.transactions.consume(state, now());
    if (consumed.status === 'unknown') throw new AppError(ErrorCode.InvalidState, { detail: 'unknown state' });
    // Another request (on any instance) used it between the two reads.
    if (consumed.status === 'consumed') return used(consumed.transaction.returnTo);
    if (consumed.status === 'expired') throw new AppError(ErrorCode.LoginExpired, { detail: 'login transaction expired' });
    const tx = consumed.transaction;
    if (!tx.linkUserId) return finish(ctx, chosen, state, found.bindingHash, tx);
    try {
      await finish(ctx, chosen, state, found.bindingHash, tx);
    } catch (err) {
      // A failed "connect another account" goes back to the page it started from.
      throw withErrorPage(err, tx.returnTo);
    }
  });

  /** The callback once its transaction is used up: checked, redeemed at the provider, signed in or linked. */
  async function finish(ctx: Context, chosen: AuthProvider, state: string, bindingHash: string, tx: LoginTransaction): Promise<void> {
    // RFC 9700 §4.4 (mix-up): the answer must come back to the provider the login went to,
    // and that is checked before any token request.
    if (tx.provider !== chosen.id) {
      throw new AppError(ErrorCode.ProviderMismatch, { detail: `login started at ${tx.provider}, callback at ${chosen.id}` });
    }

    // The URL the provider sent the browser to: PUBLIC_URL plus the request's path and query only,
    // never the Host header nor the authority of an absolute-form target (`GET http://evil/auth/…`,
    // RFC 9112 §3.2.2), which would change the redirect_uri of the token request.
    const callbackUrl = new URL(config.publicUrl);
    callbackUrl.pathname = ctx.path;
    callbackUrl.search = ctx.querystring;
    const signedIn = await chosen.finishLogin({ callbackUrl, state, codeVerifier: tx.codeVerifier, nonce: tx.nonce, log: ctx.log });
    const at = now();
    // The browser keeps one cookie, the session's, unless another of its logins is in flight.
    const releaseBinding = async () => {
      if ((await store.transactions.pending(bindingHash, at)) === 0) clearBinding(ctx, config.secureCookies);
    };

    if (tx.linkUserId) {
      // Connecting another account: attach it to the user who asked, leave their session alone.
      const linked = await store.users.link(tx.linkUserId, signedIn.identity, at);
      if (linked.status === 'in_use') {
        throw new AppError(ErrorCode.IdentityInUse, { detail: `${chosen.id} identity belongs to another user` });
      }
      ctx.log.info({ provider: chosen.id, userId: tx.linkUserId, status: linked.status }, 'account linked');
      metrics.signInSucceeded(chosen.id);
      await releaseBinding();
      redirect(ctx, withQueryParam(tx.returnTo, 'linked', chosen.id));
      return;
    }

    const { user, created } = await store.users.signIn(signedIn.identity, at);

    const data: SessionData = newSession(
      {
        userId: user.id,
        provider: chosen.id,
        subject: signedIn.identity.subject,
        sid: signedIn.sid,
        userAgent: ctx.get('User-Agent').slice(0, 200) || null,
        tokens: signedIn.tokens,
      },
      at,
      sessionTiming(config),
    );
    // A new session id at every sign-in: an id planted before sign-in is worthless (session fixation).
    ctx.session = data;
    ctx.log.info({ provider: chosen.id, userId: user.id, newUser: created }, 'signed in');
    metrics.signInSucceeded(chosen.id);
    metrics.sessionCreated(chosen.id);
    await releaseBinding();
    redirect(ctx, tx.returnTo);
  }
}
