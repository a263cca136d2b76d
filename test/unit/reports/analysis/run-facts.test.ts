import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../lib/config.ts';
import type { Plan } from '../../../../plan/build-plan.ts';
import { reportsSettings, runFacts, stripCredentials } from '../../../../reports/analysis/run-facts.ts';

describe('stripCredentials', () => {
  it.each([
    { url: 'http://127.0.0.1:3300', stripped: 'http://127.0.0.1:3300' },
    { url: 'http://127.0.0.1:3300/', stripped: 'http://127.0.0.1:3300/' },
    { url: 'https://user:secret@shop.example/api', stripped: 'https://shop.example/api' },
    { url: 'https://shop.example?token=abc123', stripped: 'https://shop.example' },
    { url: 'http://admin@host:9090/metrics?apikey=xyz#frag', stripped: 'http://host:9090/metrics' },
    { url: 'kafka', stripped: 'kafka' },
    { url: 'user:pw@not a url?x=1', stripped: 'not a url' },
  ])('turns $url into $stripped', ({ url, stripped }) => {
    expect(stripCredentials(url)).toBe(stripped);
  });
});

describe('reportsSettings', () => {
  it('falls back to the defaults for plans written before config.reports existed', () => {
    expect(reportsSettings({ config: {} as Plan['config'] })).toEqual(DEFAULT_CONFIG.reports);
  });

  it('keeps the plan settings', () => {
    const reports = { ...DEFAULT_CONFIG.reports, cacheHitTarget: 0.5 };
    expect(reportsSettings({ config: { reports } as Plan['config'] }).cacheHitTarget).toBe(0.5);
  });
});

describe('runFacts', () => {
  it('takes the run id from the folder and the numbers from the plan, without credentials', () => {
    const plan = {
      createdAt: '2026-11-29T02:16:19.000Z',
      target: { baseUrl: 'https://qa:pw@shop.example:8443', host: 'shop.example' },
      baselineRate: 100,
      timeScale: 0.1,
      configSha256: 'ab'.repeat(32),
      runtime: { node: 'v20', cores: 2, platform: 'linux', arch: 'x64', workers: 1 },
      stages: [
        { label: 'warm-up', startMs: 0, endMs: 6000 },
        { label: 'steady', startMs: 6000, endMs: 186_000 },
      ],
    } as unknown as Plan;
    expect(runFacts('/out/runs/20261129-021619-steady-5dp7bv/', plan)).toEqual({
      source: 'loadbook',
      id: '20261129-021619-steady-5dp7bv',
      createdAt: '2026-11-29T02:16:19.000Z',
      target: 'https://shop.example:8443',
      baselineRate: 100,
      timeScale: 0.1,
      configSha256: 'ab'.repeat(32),
      cores: 2,
      workers: 1,
      stages: [
        { label: 'warm-up', startS: 0, endS: 6 },
        { label: 'steady', startS: 6, endS: 186 },
      ],
    });
  });
});
