import type { Context } from 'koa';

import { sendHtml } from '../respond.js';
import { ExpiringStore, randomUrlSafe } from './codes.js';
import { readBody, redirect } from './http.js';
import { fakeErrorPage, signinPage, type Brand } from './signinPage.js';
import type { FakeClient, FakeUser } from './types.js';
import type { UserDirectory } from './users.js';

/** What every provider's authorization request has; providers add their own fields. */
export interface DialogRequest {
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  /** Shown on the page. */
  scopes: readonly string[];
}

export interface DialogOptions<R extends DialogRequest, U extends FakeUser> {
  brand: Brand;
  /** The one registered app; its first redirect URI's origin is where "Back to the app" goes. */
  client: Pick<FakeClient, 'redirectUris'>;
  /** The path the sign-in form posts to. */
  action: string;
  users: UserDirectory<U>;
  now: () => number;
  log: (msg: string) => void;
  /** Issues the code; returns where the browser goes next. */
  approve(request: R, user: U): string;
  /** The provider's own "the user said no" redirect. */
  deny(request: R): string;
}

/** How long a sign-in page stays usable. */
const PENDING_TTL_MS = 30 * 60 * 1000;

/**
 * The part every fake shares after it has validated the authorization request: remember it under a
 * random id, show the sign-in page, and turn the posted choice into the provider's redirect.
 */
export function createDialog<R extends DialogRequest, U extends FakeUser>(options: DialogOptions<R, U>) {
  const { brand, action, users, log } = options;
  const pending = new ExpiringStore<R>(PENDING_TTL_MS, options.now, () => randomUrlSafe(16));
  // Registered, and checked to be absolute http(s) by every fake at start-up.
  const appOrigin = new URL(options.client.redirectUris[0]!).origin;

  const refuse = (ctx: Context, title: string, message: string, back?: string) =>
    sendHtml(ctx, 400, fakeErrorPage(brand, title, message, back));

  return {
    /** Shows the sign-in page for an already validated request. */
    show(ctx: Context, request: R): void {
      const requestId = pending.add(request);
      sendHtml(ctx, 200, signinPage({ brand, action, requestId, clientId: request.clientId, scopes: request.scopes, users: users.list() }));
    },

    /** POST of the sign-in form: `user=<id>` approves, `decision=deny` refuses. */
    async decide(ctx: Context): Promise<void> {
      const form = await readBody(ctx);
      const requestId = form.get('request') ?? '';
      const request = pending.valid(requestId);
      if (!request) {
        // Usually Back after signing in: offer the way to the app (a link, not a redirect that traps Back).
        return refuse(
          ctx,
          'Sign-in expired',
          'This sign-in request has expired or was already answered. Go back to the app and start again.',
          appOrigin,
        );
      }
      const userId = form.get('user');
      if (userId !== null) {
        const user = users.get(userId);
        if (!user) return refuse(ctx, 'Unknown user', `There is no test user "${userId}".`);
        pending.markUsed(requestId);
        log(`${user.id} approved ${request.clientId}`);
        return redirect(ctx, options.approve(request, user));
      }
      if (form.get('decision') === 'deny') {
        pending.markUsed(requestId);
        log(`sign-in to ${request.clientId} cancelled`);
        return redirect(ctx, options.deny(request));
      }
      refuse(ctx, 'Bad request', 'Choose a user or Cancel.');
    },
  };
}
