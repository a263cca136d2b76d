import { describe, expect, it } from 'vitest';
import { LoadbookError } from '../../../engine/errors.ts';
import { DEFAULT_CONFIG } from '../../../lib/config.ts';
import { mergeConfig, type PartialConfig } from '../../../lib/merge-config.ts';
import { readConfigFromEnv } from '../../../lib/read-config-from-env.ts';
import { buildPlan, type BuildPlanInput } from '../../../plan/build-plan.ts';
import { maxVusPerWorker } from '../../../engine/options/machine-limits.ts';
import { checkPlanFits, plannedVus } from '../../../plan/check-plan-fits.ts';

const NOW = new Date('2026-12-06T04:00:00.000Z');

function input(patch: Partial<BuildPlanInput> = {}, config: PartialConfig = {}): BuildPlanInput {
  return { phase: 'smoke', scenarios: ['product-get'], config: mergeConfig(DEFAULT_CONFIG, config), workers: 1, now: NOW, ...patch };
}

function refusal(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(LoadbookError);
    expect((error as LoadbookError).exitCode).toBe(104);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

/** On a machine whose memory holds more VUs than one worker does, the suggested rate is for the run's one worker. */
const WORKERS = String.raw`(?: and --workers 1)?`;
const CAPACITY = String.raw`this machine fits about [\d,]+ VUs \(14 KiB each in half of its [\d.]+ GiB\)`;

describe('buildPlan refuses load the machine cannot hold, before anything starts', () => {
  it.each<[string, Partial<BuildPlanInput>, PartialConfig, RegExp]>([
    [
      '--rate 1e12',
      { rate: 1e12 },
      {},
      new RegExp(String.raw`^invalid rate 1,000,000,000,000 \(--rate, LOADBOOK_RATE or baselineRate\); the smoke plan needs 72,000,000,000 VUs and ${CAPACITY}; use a rate ≤ [\d,]+ \(at headroom 3${WORKERS}\)$`),
    ],
    [
      '"baselineRate": 1e308',
      {},
      { baselineRate: 1e308 },
      new RegExp(String.raw`^invalid rate 1\.0e\+308 \(--rate, LOADBOOK_RATE or baselineRate\); the smoke plan needs 7\.2e\+306 VUs and ${CAPACITY}; use a rate ≤ [\d,]+ \(at headroom 3${WORKERS}\)$`),
    ],
    [
      'the largest double as the rate, in a spike that multiplies it by 5',
      { phase: 'spike', scenarios: ['product-get', 'order-post'] },
      { baselineRate: Number.MAX_VALUE },
      new RegExp(String.raw`^invalid rate 1\.8e\+308 .*; the spike plan needs ∞ VUs and ${CAPACITY}; use a rate ≤ [\d,]+ \(at headroom 3${WORKERS}\)$`),
    ],
    [
      'a headroom of 10^12, which no rate can make fit (smoke never goes below 1/s)',
      {},
      { headroom: 1e12 },
      new RegExp(String.raw`^invalid rate 100 .*; the smoke plan needs 2,400,000,000,000 VUs and ${CAPACITY}; lower headroom \(1,000,000,000,000\), the p95 budgets or ws-broadcast's subscribers$`),
    ],
    [
      '20 million ws-broadcast subscribers, which no rate can make fit',
      { scenarios: ['ws-broadcast'] },
      { scenarios: { 'ws-broadcast': { subscribers: 20_000_000 } } } as PartialConfig,
      /; lower headroom \(3\), the p95 budgets or ws-broadcast's subscribers$/,
    ],
    [
      '--workers 999',
      { workers: 999 },
      {},
      /^invalid --workers 999; this machine fits at most \d+ worker threads \(.*\); use --workers \d+ or fewer$/,
    ],
  ])('refuses %s in one line that says what would fit', (_, patch, config, message) => {
    expect(refusal(() => buildPlan(input(patch, config)))).toMatch(message);
  });

  it.each(['smoke', 'ramp', 'steady', 'spike', 'soak'])('accepts the %s plan at the rate its refusal suggests', (phase) => {
    const names = ['product-get', 'order-post', 'inventory-grpc', 'ws-broadcast', 'kafka-publish'];
    const message = refusal(() => buildPlan(input({ phase, scenarios: names, rate: 1e12 })));
    const suggested = Number(/use a rate ≤ ([\d,.]+)/.exec(message)![1]!.replaceAll(',', ''));
    expect(suggested).toBeGreaterThan(1);
    expect(buildPlan(input({ phase, scenarios: names, rate: suggested })).baselineRate).toBe(suggested);
  });

  it('sizes a plan on a machine given outright: smoke at 20,000/s fits 64 MiB (1,440 VUs), at 40,000/s it does not', () => {
    const tiny = { totalBytes: 64 * 1024 ** 2, cores: 1 };
    const settings = (rate: number) => readConfigFromEnv({ LOADBOOK_RATE: String(rate), LOADBOOK_PHASE: 'smoke' });
    expect(() => checkPlanFits(settings(20_000), ['product-get'], 1, tiny)).not.toThrow();
    expect(refusal(() => checkPlanFits(settings(40_000), ['product-get'], 1, tiny))).toBe(
      'invalid rate 40,000 (--rate, LOADBOOK_RATE or baselineRate); the smoke plan needs 2,880 VUs and this machine fits about 2,300 VUs (14 KiB each in half of its 64 MiB); use a rate ≤ 32,000 (at headroom 3)',
    );
  });

  it.each<[number, string | undefined]>([
    // smoke at 6,000,000/s: product-get at 600,000/s × 0.12 s × 3 = 216,000 preallocated, 432,000 maxVUs.
    [1, 'invalid --workers 1 for 432,000 VUs; a worker thread holds about 260,000 VUs (14 KiB each in 90% of its 4.0 GiB heap) and the only one would get 432,000; use --workers 2'],
    [2, undefined],
  ])('on a 2-core, 24 GiB machine, holds a plan the machine fits but one worker does not only on more workers (--workers %d)', (workers, message) => {
    const measured = { totalBytes: 24 * 1024 ** 3, cores: 2 };
    const settings = readConfigFromEnv({ LOADBOOK_RATE: '6000000', LOADBOOK_PHASE: 'smoke' });
    const check = () => checkPlanFits(settings, ['product-get'], workers, measured);
    if (message === undefined) expect(check).not.toThrow();
    else expect(refusal(check)).toBe(message);
  });

  it('suggests a rate that one worker holds when the run has one, and buildPlan accepts it', () => {
    const message = refusal(() => buildPlan(input({ rate: 1e12, workers: 1 })));
    const suggested = Number(/use a rate ≤ ([\d,.]+)/.exec(message)![1]!.replaceAll(',', ''));
    expect(plannedVus(buildPlan(input({ rate: suggested, workers: 1 })).options)).toBeLessThanOrEqual(maxVusPerWorker());
  });

  it('counts the VUs of a plan as each scenario’s maxVUs, and the subscribers of ws-broadcast', () => {
    const plan = buildPlan(input({ scenarios: ['product-get', 'ws-broadcast'] }));
    // smoke at 100/s is 10/s: product-get 10 × 0.12 s × 3 → 5 (the floor) × 2; ws publishers likewise; 10 subscribers.
    expect(plannedVus(plan.options)).toBe(10 + 10 + 10);
  });
});
