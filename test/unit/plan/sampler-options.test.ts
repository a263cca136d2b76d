import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/config.ts';
import { mergeConfig } from '../../../lib/merge-config.ts';
import { buildPlan } from '../../../plan/build-plan.ts';
import { MIN_SAMPLE_INTERVAL_MS, samplerOptions } from '../../../plan/sampler-options.ts';

function plan(scenarios: string[], timeScale = 1) {
  return buildPlan({ phase: 'steady', scenarios, config: mergeConfig(DEFAULT_CONFIG, {}), workers: 1, timeScale, now: new Date('2026-11-29T00:00:00Z') });
}

describe('samplerOptions', () => {
  it('scrapes the configured metrics endpoints into server.ndjson of the run folder', () => {
    const options = samplerOptions(plan(['product-get']), '/runs/r1');
    expect(options.endpoints).toEqual(['http://127.0.0.1:3300/metrics']);
    expect(options.file).toBe('/runs/r1/server.ndjson');
    expect(options.intervalMs).toBe(5000);
  });

  it.each([
    [['product-get'], undefined],
    [['kafka-publish'], { brokers: ['127.0.0.1:39092'], groups: ['shop-consumer'] }],
    [['order-post', 'product-get'], { brokers: ['127.0.0.1:39092'], groups: ['shop-consumer'] }],
  ])('for scenarios %j samples Kafka lag %j', (scenarios, kafka) => {
    expect(samplerOptions(plan(scenarios), '/r').kafka).toEqual(kafka);
  });

  it.each([
    [0.1, 500],
    [0.5, 2500],
    [0.02, MIN_SAMPLE_INTERVAL_MS],
  ])('at time scale %s samples every %s ms', (timeScale, intervalMs) => {
    expect(samplerOptions(plan(['product-get'], timeScale), '/r').intervalMs).toBe(intervalMs);
  });
});
