import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest } from '../../../engine/index.ts';
import { startDelayServer, type DelayServer } from '../../support/delay-server.ts';

const FIXED_RATE = new URL('../../fixtures/scripts/fixed-rate.ts', import.meta.url).pathname;

describe('the engine against a local server with a fixed 20 ms delay', () => {
  let server: DelayServer;
  beforeAll(async () => {
    server = await startDelayServer(20);
  });
  afterAll(() => server.close());

  it('runs constant-arrival-rate at 200/s for 10 s as 2000 iterations ±2% with none dropped, and measures a 20–23 ms median', async () => {
    const result = await runTest({
      script: FIXED_RATE,
      env: { TARGET: server.url, RATE: '200', DURATION: '10s' },
      workers: 1,
      quiet: true,
      stdout: () => {},
    });
    expect(result.exitCode).toBe(0);
    const metrics = result.summary!.metrics;
    const iterations = (metrics.iterations!.values as { count: number }).count;
    expect(iterations).toBeGreaterThanOrEqual(1960);
    expect(iterations).toBeLessThanOrEqual(2040);
    expect(metrics.dropped_iterations).toBeUndefined();
    expect(server.requests()).toBe(iterations);
    const median = (metrics.http_req_duration!.values as Record<string, number>).med!;
    expect(median).toBeGreaterThanOrEqual(20);
    expect(median).toBeLessThanOrEqual(23);
  });

  it('counts dropped iterations instead of waiting when maxVUs cannot keep up', async () => {
    // 100/s with 20 ms responses needs ~2 VUs; allowing 1 must drop roughly half, never queue them.
    const result = await runTest({
      script: FIXED_RATE,
      env: { TARGET: server.url, RATE: '100', DURATION: '2s', PRE_VUS: '1', MAX_VUS: '1' },
      workers: 1,
      quiet: true,
      stdout: () => {},
    });
    const metrics = result.summary!.metrics;
    const done = (metrics.iterations!.values as { count: number }).count;
    const dropped = (metrics.dropped_iterations!.values as { count: number }).count;
    expect(done + dropped).toBe(200);
    expect(dropped).toBeGreaterThan(50);
  });

  it('keeps the summary shape and totals with two worker threads', async () => {
    const result = await runTest({
      script: FIXED_RATE,
      env: { TARGET: server.url, RATE: '50', DURATION: '2s' },
      workers: 2,
      quiet: true,
      stdout: () => {},
    });
    expect(result.exitCode).toBe(0);
    const metrics = result.summary!.metrics;
    expect((metrics.iterations!.values as { count: number }).count).toBe(100);
    expect((metrics.http_reqs!.values as { count: number }).count).toBe(100);
    expect(Object.keys(metrics['http_req_duration{scenario:fixed}']!.values)).toEqual(['avg', 'min', 'med', 'max', 'p(95)', 'p(99)', 'count']);
    expect((metrics['http_req_duration{scenario:fixed}']!.values as { count: number }).count).toBe(100);
  });
});
