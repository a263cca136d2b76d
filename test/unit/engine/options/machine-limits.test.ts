import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../../../engine/errors.ts';
import {
  checkVusPerWorker,
  checkWorkers,
  formatNumber,
  maxVus,
  maxVusPerWorker,
  maxWorkers,
  roundDown,
  vuCapacity,
  type Machine,
} from '../../../../engine/options/machine-limits.ts';
import { checkVusFit, normalizeOptions } from '../../../../engine/options/normalize-options.ts';

const GIB = 1024 ** 3;
/** The machine the limits were measured on: 2 cores, 24 GiB. */
const MEASURED: Machine = { totalBytes: 24 * GIB, cores: 2 };
const scenarios = (definitions: Record<string, Record<string, unknown>>) => normalizeOptions({ scenarios: definitions }, {}, () => undefined).scenarios;
const arrivals = (rate: number, maxVUs: number) => ({ executor: 'constant-arrival-rate', rate, duration: '10s', preAllocatedVUs: 1, maxVUs });

describe('machine limits', () => {
  it.each<[string, number, number, Machine]>([
    // machine, max VUs (half the memory at 14 KiB a VU), max workers (cores × 4, or half the memory at 70 MiB a worker)
    ['2 cores and 24 GiB', 898_779, 8, MEASURED],
    ['64 cores and 256 GiB', 9_586_980, 256, { totalBytes: 256 * GIB, cores: 64 }],
    ['16 cores and 1 GiB', 37_449, 7, { totalBytes: GIB, cores: 16 }],
    ['1 core and 64 MiB', 2_340, 1, { totalBytes: 64 * 1024 ** 2, cores: 1 }],
  ])('gives a machine of %s room for %d VUs and %d worker threads', (_, vus, workers, machine) => {
    expect([maxVus(machine), maxWorkers(machine)]).toEqual([vus, workers]);
  });

  it.each([
    [36_000_000_000, '36,000,000,000'],
    [0.25, '0.25'],
    [1e308, '1.0e+308'],
    [Infinity, '∞'],
  ])('writes %d as %s in a message', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it.each([
    [898_779, 890_000],
    [12_345_678, 12_000_000],
    [99, 99],
    [0.567, 0.56],
    [1e308, 1e308],
  ])('rounds a suggested limit %d down to two significant digits: %d', (value, rounded) => {
    expect(roundDown(value)).toBe(rounded);
  });

  it('says what fits and why', () => {
    expect(vuCapacity(MEASURED)).toBe('this machine fits about 890,000 VUs (14 KiB each in half of its 24.0 GiB)');
  });

  it.each<[number, Machine, string | undefined]>([
    [8, MEASURED, undefined],
    [
      999,
      MEASURED,
      'invalid --workers 999; this machine fits at most 8 worker threads (2 cores × 4; each is a V8 isolate of about 70 MiB); use --workers 8 or fewer',
    ],
    [
      8,
      { totalBytes: GIB, cores: 16 },
      'invalid --workers 8; this machine fits at most 7 worker threads (each is a V8 isolate of about 70 MiB, in half of its 1.0 GiB); use --workers 7 or fewer',
    ],
  ])('takes --workers %d on its machine, or refuses it in one line', (count, machine, message) => {
    const check = () => checkWorkers(count, '--workers', machine);
    if (message === undefined) expect(check).not.toThrow();
    else expect(check).toThrow(new OptionsError(message));
  });
});

describe('VUs per worker thread: each worker’s heap holds about 260,000 VUs', () => {
  const HOLDS = 'a worker thread holds about 260,000 VUs (14 KiB each in 90% of its 4.0 GiB heap)';
  it.each<[string, number[], number, Machine, string | undefined]>([
    ['260,000 VUs on one worker', [260_000], 1, MEASURED, undefined],
    ['300,000 VUs on one worker', [300_000], 1, MEASURED, `invalid --workers 1 for 300,000 VUs; ${HOLDS} and the only one would get 300,000; use --workers 2`],
    ['880,000 VUs, all this machine fits, on one worker', [880_000], 1, MEASURED, `invalid --workers 1 for 880,000 VUs; ${HOLDS} and the only one would get 880,000; use --workers 4`],
    ['880,000 VUs on four workers', [880_000], 4, MEASURED, undefined],
    [
      'two scenarios of 405,000 VUs on three workers, each split with its share rounded up',
      [405_000, 405_000],
      3,
      MEASURED,
      `invalid --workers 3 for 810,000 VUs; ${HOLDS} and the busiest of 3 would get 270,000; use --workers 4`,
    ],
    [
      '2,000,000 VUs on a 1-core machine of 64 GiB, whose 4 workers hold fewer',
      [2_000_000],
      1,
      { totalBytes: 64 * GIB, cores: 1 },
      `invalid --workers 1 for 2,000,000 VUs; ${HOLDS} and the only one would get 2,000,000; use fewer VUs: 4 worker threads, the most this machine fits, hold about 1,000,000`,
    ],
  ])('takes %s, or refuses them in one line naming the workers that would hold them', (_, vus, workers, machine, message) => {
    const check = () => checkVusPerWorker(vus, workers, '--workers', machine);
    if (message === undefined) expect(check).not.toThrow();
    else expect(check).toThrow(new OptionsError(message));
  });

  it('counts on 90% of a 4 GiB heap at 14 KiB a VU', () => {
    expect(maxVusPerWorker()).toBe(Math.floor((4096 * 1024 ** 2 * 0.9) / (14 * 1024)));
  });
});

describe('normalizeOptions refuses VUs the machine cannot hold, before any is created', () => {
  it.each<[string, Record<string, Record<string, unknown>>, RegExp]>([
    ['maxVUs of 10^9', { flood: arrivals(10, 1e9) }, /^invalid scenarios\.flood\.maxVUs 1,000,000,000; this machine fits about [\d,]+ VUs \(14 KiB each in half of its [\d.]+ GiB\); use maxVUs ≤ [\d,]+$/],
    [
      'preAllocatedVUs of 5·10^7',
      { pool: { executor: 'ramping-arrival-rate', stages: [{ duration: '1s', target: 1 }], preAllocatedVUs: 5e7 } },
      /^invalid scenarios\.pool\.preAllocatedVUs 50,000,000; this machine fits about [\d,]+ VUs .*; use preAllocatedVUs ≤ [\d,]+$/,
    ],
    ['vus of 10^8', { crowd: { executor: 'constant-vus', vus: 1e8, duration: '1s' } }, /^invalid scenarios\.crowd\.vus 100,000,000; .*; use vus ≤ [\d,]+$/],
    [
      'a ramping-vus stage target of 2·10^7',
      { climb: { executor: 'ramping-vus', stages: [{ duration: '1s', target: 5 }, { duration: '1s', target: 2e7 }] } },
      /^invalid scenarios\.climb\.stages\[1\]\.target 20,000,000; .*; use stages\[1\]\.target ≤ [\d,]+$/,
    ],
    [
      'two scenarios that only together do not fit',
      { a: arrivals(10, Math.ceil(maxVus() * 0.6)), b: arrivals(10, Math.ceil(maxVus() * 0.5)) },
      /^invalid scenarios\.a\.maxVUs [\d,]+; this machine fits about [\d,]+ VUs .*; the test's scenarios need [\d,]+ in all; use maxVUs ≤ [\d,]+$/,
    ],
  ])('refuses %s in one line that says what fits', (_, definitions, message) => {
    expect(() => scenarios(definitions)).toThrow(message);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a rate of 10^308', arrivals(1e308, 1), /^invalid scenarios\.s\.rate 1e\+308; the scenario would schedule ∞ iterations, more than 2\^53, the most the engine counts exactly; use rate ≤ 900,000,000,000,000$/],
    ['an infinite rate', arrivals(Infinity, 1), /^invalid scenarios\.s\.rate; expected a positive number of iterations per timeUnit, got Infinity$/],
    ['a NaN rate', arrivals(Number.NaN, 1), /got NaN$/],
    [
      'a ramp to 10^300',
      { executor: 'ramping-arrival-rate', stages: [{ duration: '10s', target: 1e300 }], preAllocatedVUs: 1 },
      /^invalid scenarios\.s\.stages .*; the scenario would schedule 5\.0e\+300 iterations, more than 2\^53, the most the engine counts exactly; lower startRate or the stages' targets$/,
    ],
  ])('refuses %s, which no counter could follow', (_, definition, message) => {
    expect(() => scenarios({ s: definition })).toThrow(message);
  });

  it('accepts a rate of 10^12 with one VU, as k6 does: what the VU cannot start is dropped', () => {
    expect(scenarios({ s: arrivals(1e12, 1) })[0]).toMatchObject({ rate: 1e12, maxVUs: 1 });
  });

  it('names the option on a machine given outright', () => {
    const tiny: Machine = { totalBytes: 64 * 1024 ** 2, cores: 1 };
    expect(() => checkVusFit(scenarios({ s: arrivals(10, 3_000) }), tiny)).toThrow(
      new OptionsError('invalid scenarios.s.maxVUs 3,000; this machine fits about 2,300 VUs (14 KiB each in half of its 64 MiB); use maxVUs ≤ 2,300'),
    );
  });
});
