import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One back-channel logout request as a relying party received it. */
export interface ReceivedLogout {
  path: string;
  contentType: string | undefined;
  logoutToken: string | null;
}

export interface LogoutReceiver {
  /** `http://127.0.0.1:<port>/backchannel-logout`, to register as a client's backchannelLogoutUri. */
  url: string;
  /** Everything received so far, in order. */
  received: ReceivedLogout[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** A tiny relying party that records back-channel logout POSTs and answers 200 (Back-Channel Logout 1.0 §2.8). */
export async function startLogoutReceiver(): Promise<LogoutReceiver> {
  const received: ReceivedLogout[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      received.push({
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        logoutToken: new URLSearchParams(body).get('logout_token'),
      });
      res.setHeader('Cache-Control', 'no-store');
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/backchannel-logout`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
