import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPhase } from '../../../plan/run-phase.ts';
import { createVerdict } from '../../../reports/verdict/create-verdict.ts';
import { spawnShop, type SpawnedShop } from '../../../shop/spawn-shop.ts';

describe('a verdict on a shop slowed far past the budget, at a small VU cap', () => {
  let shop: SpawnedShop;
  const cwd = process.cwd();
  const scratch = mkdtempSync(path.join(tmpdir(), 'loadbook-target-bottleneck-'));
  beforeAll(async () => {
    // Every answer 300 ms late: 2.5× Product GET's 120 ms budget. Headroom 1 caps the pool at 72 VUs
    // (300/s × 0.12 s × 2), which at 0.3 s each carry about 240/s: a fifth of the plan finds no VU.
    shop = await spawnShop({ env: { SHOP_FAULTS: '{"extraLatencyMs":300}' } });
    process.chdir(scratch);
  });
  afterAll(async () => {
    process.chdir(cwd);
    await shop?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('blocks on the budget and says the target, not the generator, was the bottleneck', async () => {
    const { runDir, result } = await runPhase({
      phase: 'steady',
      scenarios: ['product-get'],
      // Enough steady seconds for the 2,000 samples a p95 needs: about 11 s.
      timeScale: 0.006,
      workers: 1,
      flags: { target: shop.url, metricsEndpoints: `${shop.url}/metrics`, rate: 300, headroom: 1 },
      quiet: true,
      say: () => {},
    });
    expect(result.exitCode).toBe(99);
    const { verdict } = await createVerdict({ runs: [runDir], baseline: false, history: false });
    const generator = verdict.checks.find((check) => check.id === 'generator/product-get')!;
    expect(generator.status, generator.summary).toBe('warn');
    expect(generator.data).toMatchObject({ bottleneck: 'target' });
    expect((generator.data as { droppedRatio: number }).droppedRatio).toBeGreaterThan(0.05);
    const budget = verdict.checks.find((check) => check.id === 'budget/product-get')!;
    expect(budget.status, budget.summary).toBe('block');
    expect(verdict.outcome).toBe('block');
  }, 60_000);
});
