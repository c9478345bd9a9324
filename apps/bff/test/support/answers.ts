import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const MB = 1024 * 1024;

/** What a streamed answer saw from the serving side. */
export interface Streamed {
  /** Body bytes handed to the socket before the client went away or the body ended. */
  written: number;
  /** The client closed the connection before the whole body was sent. */
  closedEarly: boolean;
}

/**
 * Streams `total` bytes of `fill` in 64 KiB chunks, waiting for the socket to drain and `delayMs`
 * between chunks, so that the bytes written track the bytes the client actually read (no large
 * kernel buffer fills ahead of it). `declareLength` sends Content-Length up front. Resolves when the
 * body ended or the client closed the connection.
 */
export function streamAnswer(
  res: ServerResponse,
  total: number,
  options: { contentType?: string; declareLength?: boolean; delayMs?: number; fill?: string } = {},
): Promise<Streamed> {
  res.statusCode = 200;
  res.setHeader('content-type', options.contentType ?? 'application/json');
  if (options.declareLength) res.setHeader('content-length', String(total));
  const chunk = Buffer.alloc(64 * 1024, options.fill ?? ' ');
  const result: Streamed = { written: 0, closedEarly: false };
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  return (async () => {
    // A JSON object's opening brace, then whitespace: valid JSON if it were ever read to the end.
    res.write('{');
    while (result.written < total) {
      if (closed) {
        result.closedEarly = true;
        return result;
      }
      const part = chunk.subarray(0, Math.min(chunk.length, total - result.written));
      result.written += part.length;
      if (!res.write(part) && !closed) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    }
    res.end('}');
    return result;
  })();
}

/** Sends headers promising `declared` bytes, then `sent` bytes, then drops the connection. */
export function cutOffAnswer(res: ServerResponse, body: string, declared: number): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(declared) });
  res.write(body);
  setTimeout(() => res.socket?.destroy(), 20);
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A plain HTTP server on loopback whose routes tests set and change; it records every path asked for. */
export async function startAnswering(routes: Record<string, Handler> = {}): Promise<{
  url: string;
  routes: Record<string, Handler>;
  seen: string[];
  server: Server;
  close(): Promise<void>;
}> {
  const seen: string[] = [];
  const table: Record<string, Handler> = { ...routes };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://stub.invalid').pathname;
    seen.push(path);
    const handler = table[path];
    if (!handler) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    routes: table,
    seen,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
