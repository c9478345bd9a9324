import type { Deps } from '../deps.js';
import { describeError } from '../logger.js';
import { endSessionRequest } from '../auth/endSessionRequest.js';
import { createHandoff } from '../auth/logoutHandoff.js';
import { signLogoutState, verifyLogoutState } from '../auth/logoutState.js';
import { safeReturnTo } from '../auth/returnTo.js';
import type { TokenCipher } from '../auth/tokenCipher.js';
import { isSignedIn, type SessionData } from '../auth/session.js';
import { END_SESSION_PATH, POST_LOGOUT_PATH } from './endSession.js';
import type { RouteTable } from './table.js';
import { redirect } from './redirect.js';

/** Sign-out (`POST /auth/logout`), at the provider too where configured, and the way back from it. */
export function logoutRoutes(routes: RouteTable, deps: Deps, cipher: TokenCipher): void {
  const { store, logger, config } = deps;

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

  // An `api` route: the CSRF check runs first (app.ts); without `X-CSRF: 1` nothing here happens.
  routes.post('/auth/logout', 'api', async (ctx) => {
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
  routes.get(POST_LOGOUT_PATH, 'navigation', (ctx) => {
    const target = config.sessionSecrets.map((secret) => verifyLogoutState(ctx.query.state, secret, deps.now())).find(Boolean);
    redirect(ctx, target ?? '/login');
  });
}
