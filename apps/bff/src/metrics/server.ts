import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError, type Logger } from '../logger.js';
import type { Metrics } from './metrics.js';

export interface MetricsServer {
  /** http://host:port the metrics listener is bound to; scrape `${url}/metrics`. */
  url: string;
  close(): Promise<void>;
}

/**
 * `GET /metrics` on a listener of its own (METRICS_PORT, METRICS_HOST), apart from the BFF's
 * port: the public never reaches it, and it has no authentication of its own. Everything else
 * is a 404.
 */
export async function startMetricsServer(options: {
  port: number;
  host: string;
  metrics: Metrics;
  logger: Logger;
}): Promise<MetricsServer> {
  const { metrics, logger } = options;
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    metrics.text().then(
      (body) => res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' }).end(body),
      (err: unknown) => {
        logger.error({ failure: describeError(err) }, 'metrics could not be collected');
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics unavailable\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper's keep-alive connection would hold the close open.
        server.closeAllConnections();
      }),
  };
}
