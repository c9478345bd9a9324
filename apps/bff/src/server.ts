import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { loadConfig, type Config } from './config/index.js';
import type { Deps } from './deps.js';
import { createLoggers } from './logger.js';
import type { PoolUsage } from './metrics/metrics.js';
import { Metrics } from './metrics/metrics.js';
import { startMetricsServer, type MetricsServer } from './metrics/server.js';
import { createProviders } from './providers/registry.js';
import { openStore } from './store/index.js';

const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** How long a stop waits for requests in flight. */
const DRAIN_MS = 10_000;

export interface RunningServer {
  /** http://host:port the server listens on (not PUBLIC_URL). */
  url: string;
  /** http://host:port of the metrics listener (METRICS_PORT), when it is on; scrape `${metricsUrl}/metrics`. */
  metricsUrl?: string;
  config: Config;
  deps: Deps;
  server: Server;
  close(options?: { drainMs?: number }): Promise<void>;
}

export interface StartOptions {
  /** Overrides WEB_DIST: the built SPA to serve. */
  webDist?: string;
  /** Overrides the listen address (tests: 127.0.0.1). */
  host?: string;
  now?: () => number;
  /** Where log lines go (default stdout); tests capture them. */
  logDestination?: { write(line: string): void };
}

/** Parses the environment, builds the dependencies, listens: what tests start. */
export async function startServer(env: Record<string, string | undefined>, options: StartOptions = {}): Promise<RunningServer> {
  return serve(loadConfig(env), options);
}

/** Builds the dependencies from a parsed configuration and listens: what main.ts starts. */
export async function serve(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const { logger, access } = createLoggers(config.logLevel, options.logDestination);
  for (const warning of config.warnings) logger.warn(warning);
  // Process metrics only when something can scrape them (METRICS_PORT).
  const metrics = new Metrics({ processMetrics: config.metrics !== undefined });

  const store = await openStore(config.database, {
    logger,
    ...(config.metrics
      ? {
          observe: (operation: string, seconds: number, failed: boolean) => metrics.storeQuery(operation, seconds, failed),
          onPool: (read: () => PoolUsage) => metrics.observePool(read),
        }
      : {}),
  });
  const now = options.now ?? Date.now;
  // Seen logout-token jti values live in the database: a replay is one on every instance.
  const providers = createProviders(config.providers, logger, (key, expiresAt) => store.replays.claim(key, expiresAt, now()), now);
  const deps: Deps = { config, store, logger, accessLog: access, metrics, providers, now };
  const webDist = options.webDist ?? config.webDist;
  if (webDist && !existsSync(webDist)) logger.warn({ webDist }, 'the built SPA was not found; run `pnpm build` first');
  const app = createApp(deps, { webDist: webDist && existsSync(webDist) ? webDist : undefined });

  const server = app.listen({ port: config.port, host: options.host ?? config.host });
  // Longer than the idle timeout of the load balancers in front (60 s for most): the balancer,
  // not this server, closes an idle kept-alive connection, so it never sends a request down a
  // connection this end has just closed (Node's default, 5 s, makes that race a stray 502).
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  // Requests being answered, so that a stop can let them finish.
  let inFlight = 0;
  server.on('request', (_req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const sweeper = setInterval(() => {
    store.sweep(deps.now()).catch((err: unknown) => logger.error({ err: String(err) }, 'sweep failed'));
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();

  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  logger.info(
    {
      listen: `${host}:${address.port}`,
      publicUrl: config.publicUrl.origin,
      providers: deps.providers.list.map((p) => p.id),
      env: config.env,
    },
    'BFF listening',
  );
  // Prometheus on a listener of its own, never on the public port (METRICS_HOST: loopback by default).
  let metricsServer: MetricsServer | undefined;
  if (config.metrics) {
    try {
      metricsServer = await startMetricsServer({ ...config.metrics, metrics, logger });
    } catch (err) {
      clearInterval(sweeper);
      server.close();
      await store.close();
      throw err;
    }
    logger.info({ listen: metricsServer.url.slice('http://'.length), path: '/metrics' }, 'metrics listening');
  }

  return {
    url: `http://${host === '[::]' ? 'localhost' : host}:${address.port}`,
    ...(metricsServer ? { metricsUrl: metricsServer.url } : {}),
    config,
    deps,
    server,
    /**
     * Stops accepting connections, lets requests in flight finish (at most `drainMs`, default
     * 10 s), then closes what is left and the store. What SIGTERM does.
     */
    async close({ drainMs = DRAIN_MS } = {}) {
      clearInterval(sweeper);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + drainMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      server.closeAllConnections();
      await closed;
      await metricsServer?.close();
      await store.close();
      // Log lines are written asynchronously: none may be lost when main.ts exits after this.
      await new Promise<void>((resolve) => logger.flush(() => resolve()));
    },
  };
}
