import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { constantArrivals, rampingArrivals, type ArrivalSchedule } from '../../../../engine/executors/arrival-schedule.ts';
import type { ExecutorContext, VuSupply } from '../../../../engine/executors/executor-types.ts';
import { runOpenModel } from '../../../../engine/executors/open-model.ts';
import { WHOLE, type Segment } from '../../../../engine/executors/segment.ts';

interface FakeVu {
  interrupt(): void;
}

/**
 * The scheduler's surroundings without a script: `maxVus` VUs whose iterations take `iterationMs`
 * (0: they settle in microtasks, never letting the event loop in), counting what starts and what drops.
 */
function harness(maxVus: number, iterationMs: number, segment: Segment = WHOLE, stop = new AbortController().signal) {
  const counts = { started: 0, dropped: 0, dropCalls: 0 };
  const free: FakeVu[] = [];
  const busy = new Set<FakeVu>();
  let created = 0;
  const create = (): FakeVu => (created++, { interrupt() {} });
  const vus: VuSupply = {
    get size() {
      return created;
    },
    limit: maxVus,
    initialize(count) {
      while (created < Math.min(count, maxVus)) free.push(create());
    },
    acquire() {
      const vu = free.pop() ?? (created < maxVus ? create() : undefined);
      if (vu) busy.add(vu);
      return vu as never;
    },
    release(vu) {
      if (busy.delete(vu as never)) free.push(vu as never);
    },
    busy: () => [...busy] as never,
  };
  const context: ExecutorContext = {
    segment,
    state: {} as never,
    vus,
    stop,
    async runIteration() {
      counts.started++;
      if (iterationMs > 0) await sleep(iterationMs);
      else await Promise.resolve();
      return 'completed';
    },
    dropIterations(count) {
      counts.dropped += count;
      counts.dropCalls++;
    },
    activeVus() {},
  };
  return { context, counts };
}

const run = (schedule: ArrivalSchedule, durationMs: number, setup: ReturnType<typeof harness>) =>
  runOpenModel(schedule, setup.context, 1, durationMs, 1_000).then(() => setup.counts);

describe('runOpenModel at rates its VUs cannot follow', () => {
  it.each<[string, ArrivalSchedule, number, number, number]>([
    // name, schedule, duration ms, VUs, iteration ms
    ['10^12/s with 1 VU busy 50 ms an iteration', constantArrivals(1e12, 1_000, 300), 300, 1, 50],
    ['10^12/s with 1 VU whose iterations never wait on I/O', constantArrivals(1e12, 1_000, 200), 200, 1, 0],
    ['10^9/s with 20 VUs busy 20 ms an iteration', constantArrivals(1e9, 1_000, 300), 300, 20, 20],
    ['a ramp from 0 to 10^12/s with 1 VU busy 30 ms', rampingArrivals(0, 1_000, [{ durationMs: 300, target: 1e12 }]), 300, 1, 30],
    ['10^12/s with no VU at all', constantArrivals(1e12, 1_000, 100), 100, 0, 0],
  ])('accounts for every iteration of %s, started or dropped, and finishes', async (_, schedule, durationMs, maxVus, iterationMs) => {
    const counts = await run(schedule, durationMs, harness(maxVus, iterationMs));
    expect(counts.started + counts.dropped).toBe(schedule.total);
    expect(counts.dropped).toBeGreaterThan(0);
  });

  it('splits an absurd rate between two segments that together account for every iteration', async () => {
    const schedule = constantArrivals(1e12, 1_000, 200);
    const [first, second] = await Promise.all([0, 1].map((index) => run(schedule, 200, harness(1, 10, { index, count: 2 }))));
    expect(first!.started + first!.dropped + second!.started + second!.dropped).toBe(schedule.total);
  });

  it('stops within a run at 10^12/s whose iterations never wait on I/O, once the test-wide stop aborts', async () => {
    const stop = new AbortController();
    const setup = harness(1, 0, WHOLE, stop.signal);
    // A scheduler that never lets the event loop in would never see this timer fire.
    setTimeout(() => stop.abort(), 300);
    const counts = await run(constantArrivals(1e12, 1_000, 600_000), 600_000, setup);
    expect(stop.signal.aborted).toBe(true);
    expect(counts.started).toBeGreaterThan(0);
    expect(counts.dropped).toBeGreaterThan(counts.started);
  });

  it('counts drops while they come due, in many steps, not once at the end', async () => {
    const counts = await run(constantArrivals(100, 1_000, 500), 500, harness(1, 1_000));
    expect(counts).toMatchObject({ started: 1, dropped: 49 });
    expect(counts.dropCalls).toBeGreaterThan(10);
  });

  it('starts every iteration of a rate its VUs can follow and drops none', async () => {
    const counts = await run(constantArrivals(100, 1_000, 500), 500, harness(10, 5));
    expect(counts).toMatchObject({ started: 50, dropped: 0 });
  });
});
