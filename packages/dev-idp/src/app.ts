import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';

import type { DemoUser } from './accounts.js';
import type { AppLinks } from './app-links.js';
import { avatarSvg } from './avatars.js';
import type { DevIdpClient } from './clients.js';
import { createInteractions, type InteractionAction } from './interactions.js';
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

type Handler = (req: IncomingMessage, res: ServerResponse, match: RegExpExecArray) => unknown;

interface Route {
  methods: readonly string[];
  pattern: RegExp;
  handle: Handler;
}

/** Decodes a path segment; a malformed escape yields null (404) instead of throwing. */
function segment(raw: string | undefined): string | null {
  try {
    return raw === undefined ? null : decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * The request handler: our own pages first, in the order listed, then everything else
 * (discovery, /auth, /token, /me, /session/end, ...) to oidc-provider.
 */
export function createApp({ provider, issuer, clients, apps, users, logger }: AppDeps) {
  const interactions = createInteractions({ provider, apps, users, logger });
  const oidc = provider.callback();

  const routes: Route[] = [
    {
      methods: ['GET', 'HEAD'],
      pattern: /^\/$/,
      handle: (_req, res) => sendHtml(res, 200, homePage({ issuer, users, clients })),
    },
    {
      methods: ['GET', 'HEAD'],
      pattern: /^\/avatars\/([^/]+)\.svg$/,
      handle: (_req, res, match) => {
        const id = segment(match[1]);
        const user = users.find((candidate) => candidate.id === id && candidate.avatar);
        if (!user) return sendText(res, 404, 'Not Found');
        sendText(res, 200, avatarSvg(user), {
          'Content-Type': 'image/svg+xml',
          'Cache-Control': 'public, max-age=3600',
          // The web app shows the picture from its own origin.
          'Cross-Origin-Resource-Policy': 'cross-origin',
          'X-Content-Type-Options': 'nosniff',
        });
      },
    },
    {
      methods: ['GET', 'HEAD'],
      pattern: /^\/interaction\/([^/]+)$/,
      handle: (req, res, match) => {
        const uid = segment(match[1]);
        return uid ? interactions.show(req, res, uid) : sendText(res, 404, 'Not Found');
      },
    },
    {
      methods: ['POST'],
      pattern: /^\/interaction\/([^/]+)\/(login|confirm|abort)$/,
      handle: (req, res, match) => {
        const uid = segment(match[1]);
        return uid ? interactions.submit(req, res, uid, match[2] as InteractionAction) : sendText(res, 404, 'Not Found');
      },
    },
  ];

  return (req: IncomingMessage, res: ServerResponse): void => {
    secureSameSiteNone(res);
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      if (!route.methods.includes(req.method ?? 'GET')) {
        sendText(res, 405, 'Method Not Allowed', { Allow: route.methods.join(', ') });
        return;
      }
      void route.handle(req, res, match);
      return;
    }
    void oidc(req, res);
  };
}
