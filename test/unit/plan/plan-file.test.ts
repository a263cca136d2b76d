import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/config.ts';
import { mergeConfig, type PartialConfig } from '../../../lib/merge-config.ts';
import { buildPhaseOptions } from '../../../lib/phase-options.ts';
import { readConfigFromEnv } from '../../../lib/read-config-from-env.ts';
import { buildPlan } from '../../../plan/build-plan.ts';
import { maskedPlan } from '../../../plan/plan-file.ts';
import { validatePlan } from '../../../plan/validate-plan.ts';

const NOW = new Date('2026-12-06T05:00:00.000Z');
const planOf = (config: PartialConfig, target?: string) =>
  buildPlan({ phase: 'smoke', scenarios: ['product-get'], config: mergeConfig(DEFAULT_CONFIG, config), target, workers: 1, now: NOW });

describe('maskedPlan: the plan as plan.json keeps it', () => {
  it.each<[string, PartialConfig, string | undefined, string]>([
    ['the target’s userinfo', {}, 'http://user:pw-A1@127.0.0.1:8080', 'pw-A1'],
    ['a user without a password', {}, 'https://tok-B2@localhost', 'tok-B2'],
    ['the WebSocket URL’s userinfo', { target: { wsUrl: 'ws://u:pw-C3@127.0.0.1:1/ws' } } as PartialConfig, undefined, 'pw-C3'],
    ['a listed query parameter of the WebSocket URL', { target: { wsUrl: 'ws://127.0.0.1:1/ws?room=a&access_token=tok-D4' } } as PartialConfig, undefined, 'tok-D4'],
    ['a metrics endpoint’s userinfo and api_key', { metricsEndpoints: ['http://m:pw-E5@127.0.0.1:9/metrics?api_key=key-E5'] }, undefined, 'E5'],
    ['a query parameter the config adds to redact', { metricsEndpoints: ['http://127.0.0.1:9/metrics?tenant=ten-F6'], redact: { queryParams: ['tenant'] } } as PartialConfig, undefined, 'ten-F6'],
  ])('masks %s everywhere: target, config, env and the env’s config JSON', (_, config, target, secret) => {
    const plan = planOf(config, target);
    expect(JSON.stringify(plan)).toContain(secret);
    const masked = maskedPlan(plan);
    expect(JSON.stringify(masked)).not.toContain(secret);
    expect(JSON.stringify(masked)).toContain('****');
    expect(validatePlan(JSON.parse(JSON.stringify(masked)))).toEqual(masked);
  });

  it('records the masked addresses, keeps the host and the options, and hashes the config as written', () => {
    const plan = planOf({ metricsEndpoints: ['http://m:pw@127.0.0.1:9/metrics?token=t&x=1'] }, 'http://user:pw@127.0.0.1:8080');
    const masked = maskedPlan(plan);
    expect(masked.target).toEqual({ baseUrl: 'http://****:****@127.0.0.1:8080', host: '127.0.0.1' });
    expect(masked.env.LOADBOOK_TARGET).toBe('http://****:****@127.0.0.1:8080');
    expect(masked.config.metricsEndpoints).toEqual(['http://****:****@127.0.0.1:9/metrics?token=****&x=1']);
    expect(JSON.parse(masked.env.LOADBOOK_CONFIG)).toEqual(masked.config);
    expect(masked.configSha256).not.toBe(plan.configSha256);
    expect(masked.configSha256).toBe(planOf({ metricsEndpoints: ['http://****:****@127.0.0.1:9/metrics?token=****&x=1'] }, 'http://****:****@127.0.0.1:8080').configSha256);
    // The scripts recompute the same options from the masked env: the numbers of the run are all there.
    expect(buildPhaseOptions(readConfigFromEnv(masked.env), ['product-get'])).toEqual(plan.options);
  });

  it('leaves a plan without credentials exactly as it is, its hash included', () => {
    const plan = planOf({}, 'http://127.0.0.1:8080/api');
    expect(maskedPlan(plan)).toEqual(plan);
  });

  it('leaves the plan in memory, which the VUs are handed, unmasked', () => {
    const plan = planOf({}, 'http://user:pw@127.0.0.1:8080');
    maskedPlan(plan);
    expect([plan.target.baseUrl, plan.env.LOADBOOK_TARGET]).toEqual(['http://user:pw@127.0.0.1:8080', 'http://user:pw@127.0.0.1:8080']);
  });
});
