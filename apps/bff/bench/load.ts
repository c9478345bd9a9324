import autocannon from 'autocannon';

export interface LoadOptions {
  label: string;
  url: string;
  /** The status every answer should have; anything else is counted as unexpected. */
  expectStatus: number;
  durationS: number;
  connections?: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  label: string;
  url: string;
  expectStatus: number;
  connections: number;
  durationS: number;
  requests: number;
  requestsPerSec: number;
  latencyMs: { p50: number; p97_5: number; p99: number; max: number };
  /** Connection errors, timeouts included (autocannon counts them in `errors`). */
  errors: number;
  /** Answers with a status other than expectStatus. */
  unexpectedStatus: number;
  statusCounts: Record<string, number>;
}

/** Runs autocannon against one URL (loopback only) and keeps the numbers the report shows. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`the bench only sends traffic to 127.0.0.1, not ${url.hostname}`);
  const connections = options.connections ?? 10;
  const result = await autocannon({
    url: options.url,
    connections,
    duration: options.durationS,
    headers: options.headers ?? {},
  });
  const statusCounts: Record<string, number> = {};
  for (const [status, stat] of Object.entries(result.statusCodeStats ?? {})) statusCounts[status] = stat.count ?? 0;
  const answered = Object.values(statusCounts).reduce((sum, n) => sum + n, 0);
  return {
    label: options.label,
    url: options.url,
    expectStatus: options.expectStatus,
    connections,
    durationS: options.durationS,
    requests: result.requests.total,
    requestsPerSec: result.requests.average,
    latencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    unexpectedStatus: answered - (statusCounts[String(options.expectStatus)] ?? 0),
    statusCounts,
  };
}
