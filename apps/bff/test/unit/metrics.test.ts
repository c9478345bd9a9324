import { describe, expect, it } from 'vitest';
import { Metrics } from '../../src/metrics/metrics.js';

const lines = async (metrics: Metrics, prefix: string) => (await metrics.text()).split('\n').filter((l) => l.startsWith(prefix));

describe('Metrics', () => {
  it('two instances in one process count apart (each has its own registry)', async () => {
    const a = new Metrics({ processMetrics: false });
    const b = new Metrics({ processMetrics: false });
    a.signInStarted('oidc');
    a.signInStarted('oidc');
    expect(await lines(a, 'sso_signins_started_total')).toEqual(['sso_signins_started_total{provider="oidc"} 2']);
    expect(await lines(b, 'sso_signins_started_total')).toEqual([]);
  });

  it('process metrics are collected only when asked for', async () => {
    expect(await lines(new Metrics({ processMetrics: false }), 'process_')).toEqual([]);
    expect((await lines(new Metrics(), 'process_cpu_user_seconds_total')).length).toBe(1);
  });

  it('a store query is timed by operation, and counted as an error when it failed', async () => {
    const metrics = new Metrics({ processMetrics: false });
    metrics.storeQuery('sessions.get', 0.002, false);
    metrics.storeQuery('sessions.get', 0.004, true);
    expect(await lines(metrics, 'sso_store_query_duration_seconds_count')).toEqual([
      'sso_store_query_duration_seconds_count{operation="sessions.get"} 2',
    ]);
    expect(await lines(metrics, 'sso_store_errors_total')).toEqual(['sso_store_errors_total{operation="sessions.get"} 1']);
  });

  it('the pool gauge reads the pool at each scrape, and a second observePool replaces the reader', async () => {
    const metrics = new Metrics({ processMetrics: false });
    expect(await lines(metrics, 'sso_store_pool_connections')).toEqual([]);
    let usage = { total: 4, idle: 1, waiting: 0 };
    metrics.observePool(() => usage);
    expect(await lines(metrics, 'sso_store_pool_connections')).toEqual([
      'sso_store_pool_connections{state="total"} 4',
      'sso_store_pool_connections{state="idle"} 1',
      'sso_store_pool_connections{state="waiting"} 0',
    ]);
    usage = { total: 10, idle: 0, waiting: 3 };
    expect(await lines(metrics, 'sso_store_pool_connections{state="waiting"}')).toEqual(['sso_store_pool_connections{state="waiting"} 3']);
    metrics.observePool(() => ({ total: 1, idle: 1, waiting: 0 }));
    expect(await lines(metrics, 'sso_store_pool_connections{state="total"}')).toEqual(['sso_store_pool_connections{state="total"} 1']);
  });

  it('ending no sessions (an empty back-channel logout) adds nothing', async () => {
    const metrics = new Metrics({ processMetrics: false });
    metrics.sessionEnded('backchannel_logout', 0);
    metrics.sessionEnded('signed_out_elsewhere', 3);
    expect(await lines(metrics, 'sso_sessions_ended_total{reason="backchannel_logout"}')).toEqual([
      'sso_sessions_ended_total{reason="backchannel_logout"} 0',
    ]);
    expect(await lines(metrics, 'sso_sessions_ended_total{reason="signed_out_elsewhere"}')).toEqual([
      'sso_sessions_ended_total{reason="signed_out_elsewhere"} 3',
    ]);
  });
});
