import { describe, expect, it } from 'vitest';
import { consecutiveRise } from '../../../../../reports/verdict/history/index.ts';
import { historyEntry, historyOf } from '../../../../fixtures/reports/history-entry-fixture.ts';

const scenario = 'Product GET';

describe('consecutiveRise', () => {
  it.each([
    { case: 'the candidate and the build before are both 30% over the median before them', earlier: [100, 102, 98, 131], candidate: 135, expected: true },
    { case: 'exactly 1.3 × the reference counts as a rise', earlier: [100, 100, 100, 130], candidate: 130, expected: true },
    { case: 'only the candidate rose', earlier: [100, 102, 98, 101], candidate: 140, expected: false },
    { case: 'the build before rose but the candidate came back', earlier: [100, 102, 98, 140], candidate: 110, expected: false },
    { case: 'a 29% rise over two builds is under the ratio', earlier: [100, 100, 100, 129], candidate: 129, expected: false },
    { case: 'no entry before the streak leaves no reference', earlier: [150], candidate: 150, expected: false },
    { case: 'the history is shorter than the streak', earlier: [], candidate: 500, expected: false },
    { case: 'the median ignores one slow outlier before the streak', earlier: [100, 300, 100, 100, 135], candidate: 135, expected: true },
    { case: 'builds that did not measure the scenario do not break the streak', earlier: [100, 100, 131, null], candidate: 131, expected: true },
  ])('is $expected when $case', ({ earlier, candidate, expected }) => {
    const history = historyOf(earlier);
    expect(consecutiveRise(history, historyEntry(earlier.length, candidate), { scenario })).toBe(expected);
  });

  it('is false when the candidate did not measure the scenario', () => {
    expect(consecutiveRise(historyOf([100, 100, 200]), historyEntry(3, null), { scenario })).toBe(false);
  });

  it('takes the median over only the referenceBuilds entries just before the streak', () => {
    // The old 50 ms builds are outside the window of 3, so the reference is 100 and 131 is a rise.
    const history = historyOf([50, 50, 50, 50, 100, 100, 100, 131]);
    expect(consecutiveRise(history, historyEntry(8, 131), { scenario, referenceBuilds: 3 })).toBe(true);
    expect(consecutiveRise(history, historyEntry(8, 131), { scenario, referenceBuilds: 3, ratio: 1.4 })).toBe(false);
  });

  it('uses a given reference such as the baseline p95 instead of the median', () => {
    const history = historyOf([100, 100, 100, 120]);
    expect(consecutiveRise(history, historyEntry(4, 120), { scenario })).toBe(false);
    expect(consecutiveRise(history, historyEntry(4, 120), { scenario, reference: 90 })).toBe(true);
  });

  it('needs every one of `builds` consecutive builds over the ratio', () => {
    const history = historyOf([100, 100, 100, 100, 140, 140]);
    expect(consecutiveRise(history, historyEntry(6, 140), { scenario, builds: 3 })).toBe(true);
    expect(consecutiveRise(history, historyEntry(6, 140), { scenario, builds: 4 })).toBe(false);
  });

  it('is false for a scenario no build measured', () => {
    expect(consecutiveRise(historyOf([100, 200]), historyEntry(2, 200), { scenario: 'Order POST' })).toBe(false);
  });
});
