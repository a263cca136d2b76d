import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest, type SummaryData } from '../../../engine/index.ts';
import { startDelayServer, type DelayServer } from '../../support/delay-server.ts';

const fixture = (name: string) => new URL(`../../fixtures/scripts/${name}`, import.meta.url).pathname;
const count = (summary: SummaryData, key: string) => (summary.metrics[key]?.values as { count?: number } | undefined)?.count ?? 0;

describe('executors running side by side on the engine', () => {
  let server: DelayServer;
  beforeAll(async () => {
    server = await startDelayServer(5);
  });
  afterAll(() => server.close());

  it('runs four scenarios in parallel with their startTime, gracefulStop and gracefulRampDown', async () => {
    const result = await runTest({ script: fixture('executors.ts'), env: { TARGET: server.url }, workers: 2, quiet: true, stdout: () => {} });
    expect(result.exitCode).toBe(0);
    const summary = result.summary!;
    // shared-iterations: exactly 12; constant-arrival-rate: 20/s for 1 s = 20 started or dropped, after its 500 ms startTime.
    expect(server.requests() + count(summary, 'dropped_iterations')).toBe(32);
    expect(count(summary, 'http_reqs{scenario:late}')).toBeGreaterThan(15);
    // The slow scenario's 2 iterations sleep 5 s: gracefulStop interrupts them, so they never complete.
    expect(count(summary, 'started_iterations')).toBeGreaterThanOrEqual(32 + 2 + 2);
    const completed = count(summary, 'iterations');
    const started = count(summary, 'started_iterations');
    expect(started - completed).toBe(2);
  });

  it('shares SharedArray data, honours k6/timers and open() in init, and evaluates thresholds', async () => {
    const result = await runTest({ script: fixture('modules.ts'), workers: 1, quiet: true, stdout: () => {} });
    expect(result.exitCode).toBe(0);
    expect(result.summary!.root_group.checks).toEqual([expect.objectContaining({ name: 'shared words loaded', passes: 4, fails: 0 })]);
    expect(result.summary!.metrics.timer_wait!.thresholds).toEqual({ 'min>=40': { ok: true } });
  });

  it('stops a run early with exit 99 when an abortOnFail threshold fails', async () => {
    const result = await runTest({
      script: fixture('modules.ts'),
      env: { ABORT: '1' },
      options: { vus: 1, duration: '60s' },
      workers: 1,
      quiet: true,
      stdout: () => {},
    });
    expect(result.exitCode).toBe(99);
    expect(result.error).toContain('abortOnFail');
    expect(result.summary!.metrics.checks!.thresholds).toEqual({ 'rate==1': { ok: false } });
    // A 60 s run stopped at the first evaluation, which comes every 2 s.
    expect(result.summary!.state.testRunDurationMs).toBeLessThan(30_000);
  });

  it('ends an iteration only after its timers fired, and fails it when a timer callback throws', async () => {
    const ok = await runTest({ script: fixture('event-loop.ts'), workers: 1, quiet: true, stdout: () => {} });
    expect(count(ok.summary!, 'timer_fired')).toBe(3);
    expect((ok.summary!.metrics.iteration_duration!.values as Record<string, number>).min).toBeGreaterThanOrEqual(29);
    const failing = await runTest({ script: fixture('event-loop.ts'), env: { THROW_IN_TIMER: '1' }, workers: 1, quiet: true, stdout: () => {} });
    // The throw ends each iteration at 10 ms, before the 30 ms timer can fire.
    expect(count(failing.summary!, 'timer_fired')).toBe(0);
    expect(count(failing.summary!, 'iterations')).toBe(3);
  });

  it('refuses open() outside the init context', async () => {
    const result = await runTest({
      script: fixture('modules.ts'),
      options: { scenarios: { misuse: { executor: 'shared-iterations', exec: 'openInVu' } } },
      workers: 1,
      quiet: true,
      stdout: () => {},
    });
    expect(count(result.summary!, 'iterations')).toBe(1);
  });
});
