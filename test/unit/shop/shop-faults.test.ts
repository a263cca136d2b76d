import { describe, expect, it } from 'vitest';
import { DEFAULT_SHOP_FAULTS, parseShopFaults, parseShopFaultsJson } from '../../../shop/shop-faults.ts';
import { ShopError } from '../../../shop/shop-error.ts';

describe('parseShopFaults', () => {
  it.each([
    [{}, DEFAULT_SHOP_FAULTS],
    [{ errorRate: 0.25 }, { ...DEFAULT_SHOP_FAULTS, errorRate: 0.25 }],
    [{ latencyFactor: 3, extraLatencyMs: 40 }, { ...DEFAULT_SHOP_FAULTS, latencyFactor: 3, extraLatencyMs: 40 }],
    [
      { leakMbPerMin: 12.5, pauseConsumer: true, crashAfterS: 30 },
      { latencyFactor: 1, dependencyMs: 0, extraLatencyMs: 0, errorRate: 0, leakMbPerMin: 12.5, pauseConsumer: true, crashAfterS: 30 },
    ],
    [{ errorRate: 1, extraLatencyMs: undefined }, { ...DEFAULT_SHOP_FAULTS, errorRate: 1 }],
  ])('fills the knobs %j leaves out with their defaults', (given, expected) => {
    expect(parseShopFaults(given, 'test')).toEqual(expected);
  });

  it.each([
    [{ errorRate: 2 }, 'invalid fault errorRate in test; expected a number from 0 to 1, got 2'],
    [{ errorRate: -0.1 }, 'invalid fault errorRate in test; expected a number from 0 to 1, got -0.1'],
    [{ latencyFactor: 0.5 }, 'invalid fault latencyFactor in test; expected a number from 1 to 1000, got 0.5'],
    [{ extraLatencyMs: '50' }, 'invalid fault extraLatencyMs in test; expected a number of milliseconds from 0 to 300000, got "50"'],
    [{ extraLatencyMs: NaN }, 'invalid fault extraLatencyMs in test; expected a number of milliseconds from 0 to 300000, got NaN'],
    [{ extraLatencyMs: 1e9 }, 'invalid fault extraLatencyMs in test; expected a number of milliseconds from 0 to 300000, got 1000000000'],
    [{ latencyFactor: 5000 }, 'invalid fault latencyFactor in test; expected a number from 1 to 1000, got 5000'],
    [{ leakMbPerMin: -1 }, 'invalid fault leakMbPerMin in test; expected a number of megabytes per minute from 0 to 1024, got -1'],
    [{ leakMbPerMin: 2048 }, 'invalid fault leakMbPerMin in test; expected a number of megabytes per minute from 0 to 1024, got 2048'],
    [{ pauseConsumer: 'yes' }, 'invalid fault pauseConsumer in test; expected true or false, got "yes"'],
    [{ pauseConsumer: 1 }, 'invalid fault pauseConsumer in test; expected true or false, got 1'],
    [{ crashAfterS: -5 }, 'invalid fault crashAfterS in test; expected a number of seconds from 0 to 86400, got -5'],
    [{ crashAfterS: '10' }, 'invalid fault crashAfterS in test; expected a number of seconds from 0 to 86400, got "10"'],
    [
      { leak: 1 },
      'unknown fault "leak" in test; expected one of latencyFactor, dependencyMs, extraLatencyMs, errorRate, leakMbPerMin, pauseConsumer, crashAfterS',
    ],
    [[1], 'invalid faults in test; expected a JSON object such as {"extraLatencyMs":50}, got [1]'],
    [null, 'invalid faults in test; expected a JSON object such as {"extraLatencyMs":50}, got null'],
  ])('rejects %j with a one-line reason', (given, message) => {
    expect(() => parseShopFaults(given, 'test')).toThrow(new ShopError(message));
  });

  it('never hands out the shared defaults object, so changing a result cannot change the defaults', () => {
    const faults = parseShopFaults({}, 'test');
    faults.errorRate = 1;
    expect(DEFAULT_SHOP_FAULTS.errorRate).toBe(0);
  });
});

describe('parseShopFaultsJson', () => {
  it('parses JSON text such as the SHOP_FAULTS variable', () => {
    expect(parseShopFaultsJson('{"extraLatencyMs":5}', 'SHOP_FAULTS')).toEqual({ ...DEFAULT_SHOP_FAULTS, extraLatencyMs: 5 });
  });

  it('names the source and shows the text when it is not JSON', () => {
    expect(() => parseShopFaultsJson('{oops', 'SHOP_FAULTS')).toThrow(
      'invalid JSON in SHOP_FAULTS; expected a JSON object such as {"extraLatencyMs":50}, got "{oops"',
    );
  });
});
