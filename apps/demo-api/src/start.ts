import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createDemoApi, type DemoApiOptions } from './app.js';

export interface StartDemoApiOptions extends DemoApiOptions {
  /** Default 4100; 0 picks a free port (tests). */
  port?: number;
  /** Default 'localhost'; tests pass '127.0.0.1'. */
  host?: string;
}

export interface RunningDemoApi {
  /** `http://<host>:<actual port>`, no trailing slash. */
  url: string;
  /** Stops listening and drops open connections, keep-alive ones included. */
  close(): Promise<void>;
}

/** An IPv6 literal needs brackets in a URL. */
const urlHost = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/** Starts the demo API; resolves once it accepts requests at `url`. */
export async function startDemoApi(options: StartDemoApiOptions): Promise<RunningDemoApi> {
  const { port = 4100, host = 'localhost', ...apiOptions } = options;
  const server = createServer(createDemoApi(apiOptions));
  await new Promise<void>((resolve, reject) => {
    const onError = (cause: NodeJS.ErrnoException) =>
      reject(new Error(`demo API could not listen on ${host}:${port} (${cause.code ?? cause.message})`, { cause }));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port: actualPort } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${actualPort}`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
