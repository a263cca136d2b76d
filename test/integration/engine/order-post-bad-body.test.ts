import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest } from '../../../engine/index.ts';
import { startShop, type RunningShop } from '../../../shop/index.ts';

const SCRIPT = new URL('../../fixtures/scripts/order-bad-body.ts', import.meta.url).pathname;

describe('an order with a bad body, against the reference shop', () => {
  let shop: RunningShop;
  beforeAll(async () => {
    shop = await startShop({ productCount: 100 });
  });
  afterAll(() => shop.close());

  it('gets 400 and counts as a failed check, not a crash', async () => {
    const result = await runTest({ script: SCRIPT, env: { TARGET: shop.url }, workers: 1, quiet: true, stdout: () => {} });
    expect(result.exitCode).toBe(0);
    const summary = result.summary!;
    expect((summary.metrics.iterations!.values as { count: number }).count).toBe(5);
    expect(summary.root_group.checks).toEqual([
      expect.objectContaining({ name: 'order created (201)', passes: 0, fails: 5 }),
      expect.objectContaining({ name: 'rejected with a reason (400)', passes: 5, fails: 0 }),
    ]);
    expect((summary.metrics.http_req_failed!.values as { rate: number }).rate).toBe(1);
  });
});
