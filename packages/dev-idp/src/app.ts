import Router from '@koa/router';
import Koa from 'koa';
import type { Provider } from 'oidc-provider';

import type { DemoUser } from './accounts.js';
import type { AppLinks } from './app-links.js';
import { avatarSvg } from './avatars.js';
import type { DevIdpClient } from './clients.js';
import { createInteractions } from './interactions.js';
import { homePage } from './pages.js';
import { sendHtml, sendText } from './respond.js';
import { secureSameSiteNone } from './secure-cookies.js';

export interface AppDeps {
  provider: Provider;
  issuer: string;
  clients: readonly DevIdpClient[];
  apps: AppLinks;
  users: readonly DemoUser[];
  logger: (msg: string) => void;
}

/**
 * The Dev IdP's Koa app: our own pages (home, avatars, sign-in and consent), and everything else
 * (discovery, /auth, /token, /me, /session/end, ...) handed to oidc-provider.
 */
export function createApp({ provider, issuer, clients, apps, users, logger }: AppDeps): Koa {
  const interactions = createInteractions({ provider, apps, users, logger });
  // Paths exactly as written (no trailing slash, case-sensitive); GET routes answer HEAD too.
  const router = new Router({ strict: true, sensitive: true });
  router.get('/', (ctx) => sendHtml(ctx, 200, homePage({ issuer, users, clients })));
  router.get('/avatars/:id.svg', (ctx) => {
    const user = users.find((candidate) => candidate.id === ctx.params.id && candidate.avatar);
    if (!user) return sendText(ctx, 404, 'Not Found');
    sendText(ctx, 200, avatarSvg(user), {
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'public, max-age=3600',
      // The web app shows the picture from its own origin.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
    });
  });
  router.get('/interaction/:uid', interactions.show);
  router.post('/interaction/:uid/login', interactions.login);
  router.post('/interaction/:uid/confirm', interactions.confirm);
  router.post('/interaction/:uid/abort', interactions.abort);

  // oidc-provider is a Koa app of its own (its cookie keys, proxy setting and error handling):
  // it gets the request itself, as a whole, rather than its middleware inside ours.
  const oidc = provider.callback();

  const app = new Koa();
  // Messages only, as for oidc-provider's own errors (start.ts): errors can carry codes and tokens.
  app.on('error', (err: Error) => logger(`error: ${err.message}`));
  app.use((ctx, next) => {
    secureSameSiteNone(ctx.res);
    return next();
  });
  app.use((ctx, next) => {
    if (router.match(ctx.path, ctx.method).path.length > 0) return next();
    ctx.respond = false;
    return oidc(ctx.req, ctx.res);
  });
  app.use(router.routes());
  // One of our paths with another method: 405 with Allow.
  app.use(router.allowedMethods());
  return app;
}
