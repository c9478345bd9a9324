import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How a token refresh ended (auth/tokenRefresh.ts): done, joined another request's, refused, or broken. */
export type RefreshOutcome = 'refreshed' | 'shared' | 'invalid_grant' | 'failed';

/** Why a session ended. A fixed, small set: every value is a label value. */
export type SessionEndedReason = 'signed_out' | 'signed_out_elsewhere' | 'backchannel_logout' | 'refresh_failed' | 'expired';

const REFRESH_OUTCOMES: readonly RefreshOutcome[] = ['refreshed', 'shared', 'invalid_grant', 'failed'];
const SESSION_END_REASONS: readonly SessionEndedReason[] = [
  'signed_out',
  'signed_out_elsewhere',
  'backchannel_logout',
  'refresh_failed',
  'expired',
];

/** What a connection pool reports (observePool). */
export interface PoolUsage {
  total: number;
  idle: number;
  waiting: number;
}

export interface MetricsOptions {
  /**
   * Also collect prom-client's process metrics (CPU, memory, event loop, GC). Each collection keeps
   * a GC observer for the life of the process, so it is only worth it when someone scrapes.
   */
  processMetrics?: boolean;
}

/**
 * The BFF's Prometheus metrics, one per app instance with its own registry (tests run several
 * BFFs in one process; the global registry would mix them). Every label value comes from a
 * bounded set (route patterns, provider ids, error codes, fixed reasons): never a user id, an
 * email, a token or a raw path.
 */
export class Metrics {
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'sso_http_request_duration_seconds',
    help: 'HTTP requests by route pattern, method and status, with their latency (its _count is the request count).',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly signInsStarted = new Counter({
    name: 'sso_signins_started_total',
    help: 'Sign-ins started (GET /auth/login/:provider) by provider.',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });

  private readonly signInsSucceeded = new Counter({
    name: 'sso_signins_succeeded_total',
    help: 'Sign-ins (and account links) the provider confirmed at the callback, by provider.',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });

  private readonly signInsFailed = new Counter({
    name: 'sso_signins_failed_total',
    help: 'Sign-ins that failed at the start or at the callback, by provider and error code.',
    labelNames: ['provider', 'code'] as const,
    registers: [this.registry],
  });

  private readonly callbackDuration = new Histogram({
    name: 'sso_signin_callback_duration_seconds',
    help: 'Time to answer GET /auth/callback/:provider (token request included), by provider.',
    labelNames: ['provider'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly refreshes = new Counter({
    name: 'sso_token_refreshes_total',
    help: 'Access-token refreshes by outcome (refreshed, shared, invalid_grant, failed).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly sessionsCreated = new Counter({
    name: 'sso_sessions_created_total',
    help: 'Sessions created at sign-in, by provider.',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });

  private readonly sessionsEnded = new Counter({
    name: 'sso_sessions_ended_total',
    help: 'Sessions ended, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  private readonly storeDuration = new Histogram({
    name: 'sso_store_query_duration_seconds',
    help: 'Store queries by operation, with their latency.',
    labelNames: ['operation'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  private readonly storeErrors = new Counter({
    name: 'sso_store_errors_total',
    help: 'Store queries that failed, by operation.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  private poolReader: (() => PoolUsage) | undefined;

  constructor(options: MetricsOptions = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    // Fixed sets start at zero, so that rate() and alerts see a series before the first event.
    for (const outcome of REFRESH_OUTCOMES) this.refreshes.inc({ outcome }, 0);
    for (const reason of SESSION_END_REASONS) this.sessionsEnded.inc({ reason }, 0);
  }

  /** One answered HTTP request. `route` must be a pattern (see httpRouteLabel), never a raw path. */
  httpRequest(route: string, method: string, status: number, seconds: number): void {
    this.httpDuration.observe({ route, method, status: String(status) }, seconds);
  }

  /** A sign-in went to the provider's login page. */
  signInStarted(provider: string): void {
    this.signInsStarted.inc({ provider });
  }

  /** The provider confirmed who the user is (a new session, or an account linked). */
  signInSucceeded(provider: string): void {
    this.signInsSucceeded.inc({ provider });
  }

  /** A sign-in failed; `code` is an ErrorCode. */
  signInFailed(provider: string, code: string): void {
    this.signInsFailed.inc({ provider, code });
  }

  /** How long a callback took to answer, success or not. */
  callbackSeconds(provider: string, seconds: number): void {
    this.callbackDuration.observe({ provider }, seconds);
  }

  /** One token refresh and how it ended. */
  refresh(outcome: RefreshOutcome): void {
    this.refreshes.inc({ outcome });
  }

  /** A sign-in created a session. */
  sessionCreated(provider: string): void {
    this.sessionsCreated.inc({ provider });
  }

  /** `count` sessions ended for `reason` (several at once for "sign out other devices" and back-channel logout). */
  sessionEnded(reason: SessionEndedReason, count = 1): void {
    if (count > 0) this.sessionsEnded.inc({ reason }, count);
  }

  /** One store query: its latency, and whether it failed. */
  storeQuery(operation: string, seconds: number, failed: boolean): void {
    this.storeDuration.observe({ operation }, seconds);
    if (failed) this.storeErrors.inc({ operation });
  }

  /**
   * Reports a connection pool as `sso_store_pool_connections{state="total|idle|waiting"}`, read at
   * each scrape. A later call replaces the reader.
   */
  observePool(read: () => PoolUsage): void {
    const first = this.poolReader === undefined;
    this.poolReader = read;
    if (!first) return;
    // prom-client calls collect() with the gauge as `this`; the reader is fetched at each scrape.
    const readPool = () => this.poolReader!();
    new Gauge({
      name: 'sso_store_pool_connections',
      help: 'Database pool connections: total open, idle, and requests waiting for one.',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const usage = readPool();
        this.set({ state: 'total' }, usage.total);
        this.set({ state: 'idle' }, usage.idle);
        this.set({ state: 'waiting' }, usage.waiting);
      },
    });
  }

  /** The Content-Type of `text()`. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Everything, in the Prometheus text exposition format. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }
}
