import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/config.ts';
import { mergeConfig } from '../../../lib/merge-config.ts';
import { buildPhaseOptions, scenarioProfile, SUMMARY_TREND_STATS } from '../../../lib/phase-options.ts';
import type { EnvSettings } from '../../../lib/read-config-from-env.ts';
import { PHASE_NAMES, PHASES } from '../../../phases/index.ts';

const SMOKE: EnvSettings = { config: mergeConfig(DEFAULT_CONFIG, {}), phase: 'smoke', timeScale: 1 };

describe('buildPhaseOptions', () => {
  it('builds the default smoke options for product-get', () => {
    expect(buildPhaseOptions(SMOKE, ['product-get'])).toEqual({
      scenarios: {
        'product-get': {
          executor: 'constant-arrival-rate',
          rate: 10,
          timeUnit: '1s',
          duration: '5m',
          preAllocatedVUs: 5,
          maxVUs: 10,
          exec: 'productGet',
        },
      },
      thresholds: {
        'http_req_duration{scenario:product-get}': ['p(95)<120'],
        'checks{scenario:product-get}': ['rate>0.99'],
      },
      summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'],
    });
  });

  it('takes the budget threshold from the config', () => {
    const settings = { ...SMOKE, config: mergeConfig(DEFAULT_CONFIG, { scenarios: { 'product-get': { budgetP95Ms: 200 } } }) };
    expect(buildPhaseOptions(settings, ['product-get']).thresholds['http_req_duration{scenario:product-get}']).toEqual([
      'p(95)<200',
    ]);
  });

  it.each(PHASE_NAMES)('uses the %s profile for the scenario', (phase) => {
    const settings = { ...SMOKE, phase, timeScale: 0.1 };
    const expected = PHASES[phase].profile({ baselineRate: 100, budgetMs: 120, timeScale: 0.1, headroom: 3, exec: 'productGet' });
    expect(buildPhaseOptions(settings, ['product-get']).scenarios['product-get']).toEqual(expected.scenario);
  });

  it('runs a scenario at baselineRate × weight', () => {
    const settings = {
      ...SMOKE,
      phase: 'steady' as const,
      config: mergeConfig(DEFAULT_CONFIG, { baselineRate: 200, scenarios: { 'product-get': { weight: 0.25 } } }),
    };
    expect(scenarioProfile(settings, 'product-get').stages.at(-1)).toMatchObject({ endRate: 50 });
  });

  it('sizes VUs with the config’s headroom', () => {
    const settings = { ...SMOKE, phase: 'steady' as const, config: mergeConfig(DEFAULT_CONFIG, { headroom: 5 }) };
    // 100/s × 0.12 s × 5 = 60.
    expect(buildPhaseOptions(settings, ['product-get']).scenarios['product-get']).toMatchObject({ preAllocatedVUs: 60 });
  });

  it('hands out a fresh summaryTrendStats list each time', () => {
    const options = buildPhaseOptions(SMOKE, ['product-get']);
    options.summaryTrendStats.push('p(99.9)');
    expect(SUMMARY_TREND_STATS).not.toContain('p(99.9)');
  });

  it('builds nothing but the trend stats for no scenarios', () => {
    expect(buildPhaseOptions(SMOKE, [])).toEqual({ scenarios: {}, thresholds: {}, summaryTrendStats: SUMMARY_TREND_STATS });
  });
});
