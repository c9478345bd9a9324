import type { Config } from './config/index.js';
import type { AccessLog, Logger } from './logger.js';
import type { Metrics } from './metrics/metrics.js';
import type { ProviderRegistry } from './providers/registry.js';
import type { Store } from './store/types.js';

/** Everything createApp needs, built by main.ts (or a test) and passed in. */
export interface Deps {
  config: Config;
  store: Store;
  providers: ProviderRegistry;
  logger: Logger;
  /** The access log: one line per request (logger.ts). */
  accessLog: AccessLog;
  /** This instance's Prometheus metrics (its own registry). */
  metrics: Metrics;
  /** The clock, epoch ms; tests may move it. */
  now: () => number;
}
