import type { Deps } from '../deps.js';
import { takeHandoff } from '../auth/logoutHandoff.js';
import type { TokenCipher } from '../auth/tokenCipher.js';
import { AppError, ErrorCode } from '../errors.js';
import { endSessionFormPage, handoffGonePage } from './endSessionPage.js';
import type { RouteTable } from './table.js';

/** Where every RP-initiated logout comes back to (routes/logout.ts). */
export const POST_LOGOUT_PATH = '/auth/logged-out';

/** The end-session page: `?id=` carries the one-time id, in the query so that no log line holds it (requestLog.ts). */
export const END_SESSION_PATH = '/auth/end-session';

/**
 * `GET /auth/end-session?id=…`: the sign-out hand-off page that `POST /auth/logout` sends the
 * browser to. It takes the one-time id's hand-off (so a second visit finds nothing) and answers
 * the form that posts the ID token to the provider. The one answer of the BFF with a token in it:
 * no CORS (a `page` route), no cache (`no-store`), no Referer, and only for a top-level navigation.
 */
export function endSessionRoutes(routes: RouteTable, deps: Deps, cipher: TokenCipher): void {
  const { store, config, now } = deps;
  const returnTo = new URL(POST_LOGOUT_PATH, config.publicUrl);

  routes.get(END_SESSION_PATH, 'page', async (ctx) => {
    // A script's request (fetch, even same-origin) or a HEAD never gets the form, and leaves the
    // hand-off for the navigation. Browsers send Sec-Fetch-Mode on every request they make to a
    // secure context; where it is missing, CORS (none here) still keeps other origins out.
    // No navigation, so the refusal is the error itself (JSON), not a redirect.
    const mode = ctx.get('Sec-Fetch-Mode');
    if (ctx.method !== 'GET' || (mode !== '' && mode !== 'navigate')) {
      throw new AppError(ErrorCode.BadRequest, {
        detail: `end-session page: ${ctx.method}, Sec-Fetch-Mode ${mode.slice(0, 20) || 'none'}`,
        page: false,
      });
    }
    const id = ctx.query.id;
    const form = typeof id === 'string' ? await takeHandoff({ store, cipher, now }, id) : undefined;
    const page = form ? endSessionFormPage(form, returnTo) : handoffGonePage();
    if (!form) ctx.status = 404;
    ctx.set('Content-Security-Policy', page.csp);
    ctx.type = 'html';
    ctx.body = page.html;
  });
}
