import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhaseName } from '../../../phases/index.ts';
import { runPhase } from '../../../plan/run-phase.ts';
import { createVerdict } from '../../../reports/verdict/create-verdict.ts';
import { spawnShop, type SpawnedShop } from '../../../shop/spawn-shop.ts';

/**
 * Each phase cut to a few seconds: the smallest time scale at which every window still lasts at least the
 * 1 s shortest stage, so a ramp's climbs and a spike's edges are still distinct pieces of the plan.
 */
const PHASES: { phase: PhaseName; timeScale: number }[] = [
  { phase: 'smoke', timeScale: 0.01 },
  { phase: 'ramp', timeScale: 0.002 },
  { phase: 'steady', timeScale: 0.002 },
  { phase: 'spike', timeScale: 0.002 },
  { phase: 'soak', timeScale: 0.0005 },
];
/** Low enough for the shared machine to keep up at the spike's 5× and the ramp's 3×. */
const RATE = '40';

describe('every phase, time-scaled against a healthy shop', () => {
  let shop: SpawnedShop;
  const cwd = process.cwd();
  const scratch = mkdtempSync(path.join(tmpdir(), 'loadbook-phase-generator-'));
  const runs = new Map<PhaseName, string>();
  beforeAll(async () => {
    shop = await spawnShop();
    process.chdir(scratch);
    // All at once: the load is light, and the suite's time is not.
    await Promise.all(
      PHASES.map(async ({ phase, timeScale }) => {
        const { runDir, result } = await runPhase({
          phase,
          scenarios: ['product-get'],
          timeScale,
          workers: 1,
          flags: { target: shop.url, metricsEndpoints: `${shop.url}/metrics`, rate: RATE },
          quiet: true,
          say: () => {},
        });
        expect(result.error).toBeUndefined();
        runs.set(phase, runDir);
      }),
    );
  }, 60_000);
  afterAll(async () => {
    process.chdir(cwd);
    await shop?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it.each(PHASES)('judges the generator of $phase as keeping up: the achieved rate meets the planned one', async ({ phase }) => {
    const { verdict } = await createVerdict({ runs: [runs.get(phase)!], baseline: false, history: false, outDir: runs.get(phase)! });
    const generator = verdict.checks.find((check) => check.id === 'generator/product-get')!;
    expect(generator.status, generator.summary).toBe('pass');
    const { achievedRatio } = generator.data as { achievedRatio: number };
    expect(achievedRatio).toBeGreaterThan(0.99);
    // A constant-arrival-rate executor starts its first iteration at 0 s: one more than the integral in a few seconds.
    expect(achievedRatio).toBeLessThan(1.05);
  });
});
