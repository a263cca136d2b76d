import { describe, expect, it } from 'vitest';
import { baselineCaveats } from '../../../../../reports/verdict/judge/baseline-caveats.ts';
import { judgedRun } from '../../../../fixtures/verdict/judged-run-fixture.ts';

const docWithTarget = (target: string | null) => judgedRun({ target, scenarios: [{ name: 'product-get', seed: 1 }] }).doc;

describe('baselineCaveats', () => {
  it.each([
    ['the committed baseline’s shop on 3300 and a shop a run started on a free port', 'http://127.0.0.1:3300', 'http://127.0.0.1:41873'],
    ['localhost and 127.0.0.1', 'http://localhost:3300', 'http://127.0.0.1:3300'],
  ])('raises no target caveat for %s', (_, baseline, candidate) => {
    expect(baselineCaveats(docWithTarget(candidate), docWithTarget(baseline))).toEqual([]);
  });

  it.each([
    ['another host', 'http://127.0.0.1:3300', 'http://shop.internal:3300'],
    ['another port off loopback', 'http://shop.internal:3300', 'http://shop.internal:8080'],
    ['another path on loopback', 'http://127.0.0.1:3300', 'http://127.0.0.1:3300/v2'],
    ['an unknown target', 'http://127.0.0.1:3300', null],
  ])('names the targets when the candidate ran against %s', (_, baseline, candidate) => {
    expect(baselineCaveats(docWithTarget(candidate), docWithTarget(baseline))).toEqual([
      `target: the baseline ran with ${baseline}, this run with ${candidate ?? 'unknown'}`,
    ]);
  });
});
