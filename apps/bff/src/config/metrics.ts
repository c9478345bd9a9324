/** The Prometheus listener (METRICS_PORT, METRICS_HOST); absent: no metrics listener. */
export interface MetricsConfig {
  /** 0: any free port (tests). */
  port: number;
  host: string;
}

const DEFAULT_HOST = '127.0.0.1';

/** METRICS_PORT turns the listener on; METRICS_HOST (loopback by default) is where it binds. */
export function parseMetrics(
  env: { PORT: number; HOST?: string | undefined; METRICS_PORT?: number | undefined; METRICS_HOST?: string | undefined },
  problems: string[],
): MetricsConfig | undefined {
  if (env.METRICS_PORT === undefined) return undefined;
  const host = env.METRICS_HOST ?? DEFAULT_HOST;
  // Without HOST the BFF takes the port on every interface, METRICS_HOST's included.
  if (env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT && (env.HOST === undefined || env.HOST === host)) {
    problems.push(`METRICS_PORT must differ from PORT (both ${env.PORT}): metrics get a listener of their own`);
  }
  return { port: env.METRICS_PORT, host };
}
