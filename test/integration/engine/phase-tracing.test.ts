import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExemplarsFile } from '../../../engine/output/exemplar.ts';
import { runPhase } from '../../../plan/run-phase.ts';
import { spawnShop, type SpawnedShop } from '../../../shop/spawn-shop.ts';

describe('a phase run with --tracing, against the reference shop', () => {
  let shop: SpawnedShop;
  const cwd = process.cwd();
  beforeAll(async () => {
    shop = await spawnShop();
    // The run folder goes under out/runs of the working directory: a scratch one, not the repository's.
    process.chdir(mkdtempSync(path.join(tmpdir(), 'loadbook-phase-tracing-')));
  });
  afterAll(async () => {
    process.chdir(cwd);
    await shop.stop();
  });

  it('records tracing in the plan and writes reports.topN exemplars of Product GET carrying cache.hit', async () => {
    const { plan, runDir, result } = await runPhase({
      phase: 'smoke',
      scenarios: ['product-get'],
      timeScale: 0.02,
      workers: 1,
      flags: { target: shop.url, metricsEndpoints: `${shop.url}/metrics` },
      quiet: true,
      tracing: true,
      say: () => {},
    });
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(plan.config.tracing).toBe(true);
    expect(JSON.parse(readFileSync(path.join(runDir, 'plan.json'), 'utf8')).config.tracing).toBe(true);

    const file: ExemplarsFile = JSON.parse(readFileSync(path.join(runDir, 'exemplars.json'), 'utf8'));
    expect(file.perScenario).toBe(plan.config.reports.topN);
    expect(file.exemplars).toHaveLength(10);
    for (const exemplar of file.exemplars) {
      expect(exemplar).toMatchObject({ metric: 'http_req_duration', scenario: 'product-get', status: '200' });
      expect(exemplar.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(['true', 'false']).toContain(exemplar.attributes['cache.hit']);
    }
    const max = (result.summary!.metrics['http_req_duration{scenario:product-get}']!.values as { max: number }).max;
    expect(file.exemplars[0]!.durationMs).toBe(max);
  });
});
