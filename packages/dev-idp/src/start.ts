import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import Provider from 'oidc-provider';

import { demoUsers, type DemoUser } from './accounts.js';
import { createApp } from './app.js';
import { defaultDevClient, type DevIdpClient } from './clients.js';
import { buildConfiguration } from './configuration.js';
import { urlHost } from './ports.js';

export interface DevIdpOptions {
  /** Default 4000; 0 picks a free port (tests). */
  port?: number;
  /** Listen address and issuer host, default 'localhost'; tests pass '127.0.0.1'. */
  host?: string;
  /** Default: [defaultDevClient]. */
  clients?: DevIdpClient[];
  /** Default: demoUsers. */
  users?: DemoUser[];
  /** Default console.log; tests pass a no-op. */
  logger?: (msg: string) => void;
}

export interface DevIdp {
  /** `http://<host>:<actual port>`, exactly as in discovery and the `iss` claim; no trailing slash. */
  issuer: string;
  /** Stops listening and drops every open connection, keep-alive ones included. */
  close(): Promise<void>;
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
  const users = options.users ?? demoUsers;
  const logger = options.logger ?? console.log;

  // Listen first: with port 0 the issuer (which must be exact) is only known afterwards.
  const server = createServer((_req, res) => {
    res.statusCode = 503;
    res.end('Dev IdP is starting');
  });
  const port = await listen(server, options.port ?? 4000, host);
  const issuer = `http://${urlHost(host)}:${port}`;

  try {
    const provider = new Provider(issuer, buildConfiguration({ issuer, clients, users }));
    // We listen on plain HTTP ourselves; no proxy headers are trusted.
    provider.proxy = false;
    // Messages only: error objects can carry codes and tokens.
    provider.on('server_error', (_ctx, err) => logger(`server error: ${err.message}`));
    // Koa's own 'error' event; without a listener Koa prints whole errors to stderr.
    (provider as Koa).on('error', (err: Error) => logger(`error: ${err.message}`));

    server.removeAllListeners('request');
    server.on('request', createApp({ provider, issuer, clients, users, logger }));
  } catch (err) {
    server.close();
    throw err;
  }

  let closing: Promise<void> | undefined;
  return {
    issuer,
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
