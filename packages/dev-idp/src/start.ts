import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import Provider from 'oidc-provider';

import { demoUsers, type DemoUser } from './accounts.js';
import { createApp } from './app.js';
import { createAppLinks } from './app-links.js';
import { defaultDevClient, defaultResourceServer, type DevIdpClient, type DevIdpResourceServer } from './clients.js';
import { buildConfiguration, DEFAULT_ACCESS_TOKEN_TTL } from './configuration.js';
import { createEndSessions } from './end-sessions.js';
import { createMemoryStore } from './memory-adapter.js';
import { urlHost } from './ports.js';

export interface DevIdpOptions {
  /** Default 4000; 0 picks a free port (tests). */
  port?: number;
  /** Listen address and issuer host, default 'localhost'; tests pass '127.0.0.1'. */
  host?: string;
  /** Default: [defaultDevClient]. */
  clients?: DevIdpClient[];
  /** APIs that may introspect access tokens (RFC 7662) and do nothing else. Default: [defaultResourceServer] (`demo-api`). */
  resourceServers?: DevIdpResourceServer[];
  /** Access token lifetime in seconds, a whole number ≥ 1; default 600. Tests pass 1–2 to see tokens expire. */
  accessTokenTtlSeconds?: number;
  /** Default: demoUsers. */
  users?: DemoUser[];
  /** Default console.log; tests pass a no-op. */
  logger?: (msg: string) => void;
}

export interface DevIdp {
  /** `http://<host>:<actual port>`, exactly as in discovery and the `iss` claim; no trailing slash. */
  issuer: string;
  /**
   * Test hook for "the user signed out at the IdP": ends every IdP session of this demo user as a
   * confirmed RP-initiated logout would. Resolves once each client with a back-channel logout URI was
   * sent its logout token (a failed delivery is logged, not thrown) and the grants and sessions are gone.
   */
  endSessionsFor(accountId: string): Promise<void>;
  /**
   * Test hook: how many token requests succeeded, by grant type (`authorization_code`,
   * `refresh_token`…): "the callback made one token request", "one refresh across instances".
   */
  grants(): Record<string, number>;
  /** Stops listening and drops every open connection, keep-alive ones included. */
  close(): Promise<void>;
}

/** oidc-provider refuses a duplicate client_id too, but without naming it; we say which, before listening. */
function checkClientIds(ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new Error(`Dev IdP: client_id "${id}" is registered twice (clients and resourceServers share one namespace)`);
    seen.add(id);
  }
}

function checkTtl(ttl: number): number {
  if (!Number.isInteger(ttl) || ttl < 1) {
    throw new Error(`Dev IdP: accessTokenTtlSeconds must be a whole number of seconds, at least 1, got ${ttl}`);
  }
  return ttl;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (cause: NodeJS.ErrnoException) =>
      reject(new Error(`Dev IdP could not listen on ${host}:${port} (${cause.code ?? cause.message})`, { cause }));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts a Dev IdP; resolves once it accepts requests at `issuer`. */
export async function startDevIdp(options: DevIdpOptions = {}): Promise<DevIdp> {
  const host = options.host ?? 'localhost';
  const clients = options.clients ?? [defaultDevClient];
  const resourceServers = options.resourceServers ?? [defaultResourceServer];
  const users = options.users ?? demoUsers;
  const logger = options.logger ?? console.log;
  const accessTokenTtl = checkTtl(options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL);
  checkClientIds([...clients, ...resourceServers].map((client) => client.clientId));
  const apps = createAppLinks(clients);
  const store = createMemoryStore();

  // Listen first: with port 0 the issuer (which must be exact) is only known afterwards.
  const server = createServer((_req, res) => {
    res.statusCode = 503;
    res.end('Dev IdP is starting');
  });
  const port = await listen(server, options.port ?? 4000, host);
  const issuer = `http://${urlHost(host)}:${port}`;

  let endSessionsFor: DevIdp['endSessionsFor'];
  const grantCounts: Record<string, number> = {};
  try {
    const configuration = buildConfiguration({ issuer, clients, resourceServers, users, adapter: store.adapter, apps, accessTokenTtl });
    const provider = new Provider(issuer, configuration);
    // We listen on plain HTTP ourselves; no proxy headers are trusted.
    provider.proxy = false;
    // Messages only: error objects can carry codes and tokens.
    provider.on('server_error', (_ctx, err) => logger(`server error: ${err.message}`));
    // Koa's own 'error' event; without a listener Koa prints whole errors to stderr.
    (provider as Koa).on('error', (err: Error) => logger(`error: ${err.message}`));
    // Logout tokens sent by /session/end (endSessionsFor logs its own).
    provider.on('backchannel.success', (_ctx, client, accountId) =>
      logger(`back-channel logout of ${accountId} sent to ${client.clientId}`),
    );
    provider.on('backchannel.error', (_ctx, err, client, accountId) =>
      logger(`back-channel logout of ${accountId} to ${client.clientId} failed: ${err.message}`),
    );
    provider.on('grant.success', (ctx) => {
      const grantType = ctx.oidc.params?.grant_type;
      const type = typeof grantType === 'string' ? grantType : 'unknown';
      grantCounts[type] = (grantCounts[type] ?? 0) + 1;
    });
    endSessionsFor = createEndSessions({ provider, sessionIdsOf: store.sessionIdsOf, logger });

    server.removeAllListeners('request');
    // Koa's handler settles every request itself (errors included), so there is nothing to await.
    const handle = createApp({ provider, issuer, clients, apps, users, logger }).callback();
    server.on('request', (req, res) => void handle(req, res));
  } catch (err) {
    server.close();
    throw err;
  }

  let closing: Promise<void> | undefined;
  return {
    issuer,
    endSessionsFor,
    grants: () => ({ ...grantCounts }),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // server.close() waits for keep-alive connections; drop them so test runners exit.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
