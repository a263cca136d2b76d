import { describe, expect, it } from 'vitest';
import { LoadbookError } from '../../../engine/errors.ts';
import { DEFAULT_CONFIG, type LoadbookConfig } from '../../../lib/config.ts';
import { mergeConfig } from '../../../lib/merge-config.ts';
import { buildPhaseOptions } from '../../../lib/phase-options.ts';
import { readConfigFromEnv } from '../../../lib/read-config-from-env.ts';
import { PHASE_NAMES } from '../../../phases/index.ts';
import { buildPlan, type BuildPlanInput, type Plan } from '../../../plan/build-plan.ts';
import { validatePlan } from '../../../plan/validate-plan.ts';

const NOW = new Date('2025-11-29T10:20:30.456Z');

function input(patch: Partial<BuildPlanInput> = {}): BuildPlanInput {
  return { phase: 'smoke', scenarios: ['product-get'], config: mergeConfig(DEFAULT_CONFIG, {}), workers: 2, now: NOW, ...patch };
}

/** What a run folder's plan.json holds: the plan after a trip through JSON. */
function throughJson(plan: Plan): Plan {
  return JSON.parse(JSON.stringify(plan)) as Plan;
}

describe('buildPlan', () => {
  it.each(PHASE_NAMES.flatMap((phase) => [1, 0.02].map((timeScale) => [phase, timeScale] as const)))(
    'for %s at timeScale %s records options that the script recomputes identically from the plan’s env',
    (phase, timeScale) => {
      const plan = throughJson(buildPlan(input({ phase, timeScale })));
      const fromEnv = buildPhaseOptions(readConfigFromEnv(plan.env), plan.scenarios.map((scenario) => scenario.name));
      expect(fromEnv).toEqual(plan.options);
    },
  );

  it('still reproduces the options when rate, target and config differ from the defaults', () => {
    const config = mergeConfig(DEFAULT_CONFIG, {
      headroom: 4,
      allowHosts: ['staging.internal'],
      scenarios: { 'product-get': { weight: 0.5, budgetP95Ms: 90 } },
    });
    const plan = throughJson(
      buildPlan(input({ phase: 'spike', config, rate: 64, timeScale: 0.05, target: 'https://staging.internal:8443/' })),
    );
    expect(buildPhaseOptions(readConfigFromEnv(plan.env), ['product-get'])).toEqual(plan.options);
    expect(plan.options.thresholds['http_req_duration{scenario:product-get}']).toEqual(['p(95)<90']);
    // 64/s × 0.5 weight × 5 burst = 160/s peak.
    expect(plan.scenarios[0]!.peakRate).toBe(160);
  });

  it('records every number of a default smoke run', () => {
    const plan = buildPlan(input({ timeScale: 0.02 }));
    expect(plan).toMatchObject({
      planVersion: 1,
      createdAt: '2025-11-29T10:20:30.456Z',
      phase: 'smoke',
      target: { baseUrl: 'http://127.0.0.1:3300', host: '127.0.0.1' },
      baselineRate: 100,
      timeScale: 0.02,
      headroom: 3,
      budgets: { 'product-get': 120 },
      scenarios: [
        {
          name: 'product-get',
          script: 'scenarios/product-get.ts',
          exec: 'productGet',
          weight: 1,
          baselineRate: 100,
          peakRate: 10,
          budgetP95Ms: 120,
          totalMs: 6_000,
        },
      ],
      options: {
        scenarios: {
          'product-get': {
            executor: 'constant-arrival-rate',
            rate: 10,
            timeUnit: '1s',
            duration: '6s',
            preAllocatedVUs: 5,
            maxVUs: 10,
            exec: 'productGet',
          },
        },
        thresholds: { 'http_req_duration{scenario:product-get}': ['p(95)<120'], 'checks{scenario:product-get}': ['rate>0.99'] },
      },
      stages: [
        { label: 'warm-up', startMs: 0, endMs: 1_200 },
        { label: 'steady', startMs: 1_200, endMs: 6_000 },
      ],
      totalMs: 6_000,
      env: { LOADBOOK_PHASE: 'smoke', LOADBOOK_RATE: '100', LOADBOOK_TIME_SCALE: '0.02', LOADBOOK_TARGET: 'http://127.0.0.1:3300' },
      config: DEFAULT_CONFIG,
      runtime: { node: process.version, workers: 2 },
    });
    expect(JSON.parse(plan.env.LOADBOOK_CONFIG)).toEqual(DEFAULT_CONFIG);
    expect(plan.configSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.runtime.cores).toBeGreaterThanOrEqual(1);
  });

  it('applies rate and target overrides to the config it hands the VUs', () => {
    const plan = buildPlan(input({ rate: 40, target: 'http://localhost:4000/' }));
    expect(plan.baselineRate).toBe(40);
    expect(plan.target).toEqual({ baseUrl: 'http://localhost:4000', host: 'localhost' });
    expect(plan.config).toMatchObject({ baselineRate: 40, target: { baseUrl: 'http://localhost:4000' } });
    expect(plan.env).toMatchObject({ LOADBOOK_RATE: '40', LOADBOOK_TARGET: 'http://localhost:4000' });
    expect(plan.options.scenarios['product-get']).toMatchObject({ rate: 4 });
  });

  it('moves the metrics endpoint and WebSocket URL left at the default shop to the target, and keeps those the user set', () => {
    expect(buildPlan(input({ target: 'http://localhost:4000/api' })).config).toMatchObject({
      target: { baseUrl: 'http://localhost:4000/api', wsUrl: 'ws://localhost:4000/ws', grpcAddress: '127.0.0.1:3301' },
      metricsEndpoints: ['http://localhost:4000/metrics'],
    });
    const config = mergeConfig(DEFAULT_CONFIG, { metricsEndpoints: ['http://127.0.0.1:9100/metrics'], target: { wsUrl: 'ws://127.0.0.1:4100/hub' } });
    expect(buildPlan(input({ config, target: 'http://localhost:4000' })).config).toMatchObject({
      target: { wsUrl: 'ws://127.0.0.1:4100/hub' },
      metricsEndpoints: ['http://127.0.0.1:9100/metrics'],
    });
  });

  it('hashes the config independently of key order, and differently for different configs', () => {
    const reordered = JSON.parse(JSON.stringify(mergeConfig(DEFAULT_CONFIG, {})), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    ) as LoadbookConfig;
    expect(Object.keys(reordered)).not.toEqual(Object.keys(DEFAULT_CONFIG));
    const plain = buildPlan(input()).configSha256;
    expect(buildPlan(input({ config: reordered })).configSha256).toBe(plain);
    expect(buildPlan(input({ rate: 99 })).configSha256).not.toBe(plain);
  });

  it('gives every scenario the same stage windows as the plan', () => {
    const plan = buildPlan(input({ phase: 'spike' }));
    expect(plan.stages).toEqual(plan.scenarios[0]!.stages.map(({ label, startMs, endMs }) => ({ label, startMs, endMs })));
    expect(plan.stages.map((stage) => stage.label)).toEqual(['warm-up', 'steady', 'burst', 'recovery']);
    expect(plan.totalMs).toBe(1_100_000);
  });

  it('produces a plan that passes its own schema after a trip through JSON', () => {
    expect(() => validatePlan(throughJson(buildPlan(input({ phase: 'ramp' }))))).not.toThrow();
  });

  it('is deterministic for the same inputs', () => {
    expect(buildPlan(input({ phase: 'soak' }))).toEqual(buildPlan(input({ phase: 'soak' })));
  });

  it.each(PHASE_NAMES)('refuses a %s run against a host that is neither loopback nor allowlisted', (phase) => {
    expect(() => buildPlan(input({ phase, target: 'https://shop.example.com' }))).toThrow(
      /^refusing to send load to host "shop\.example\.com" .*add "shop\.example\.com" to "allowHosts" in loadbook\.config\.json$/,
    );
  });

  it('allows a host the config lists in allowHosts', () => {
    const config = mergeConfig(DEFAULT_CONFIG, { allowHosts: ['shop.example.com'] });
    expect(buildPlan(input({ phase: 'soak', config, target: 'https://shop.example.com' })).target.host).toBe('shop.example.com');
  });

  it.each<[string, Parameters<typeof mergeConfig>[1], string]>([
    ['the gRPC address', { target: { grpcAddress: '10.99.0.1:4301' } }, 'target.grpcAddress 10.99.0.1:4301'],
    ['the WebSocket URL', { target: { wsUrl: 'ws://10.99.0.1:4300/ws' } }, 'target.wsUrl ws://10.99.0.1:4300/ws'],
    ['a Kafka broker after an allowed one', { kafka: { brokers: ['127.0.0.1:39092', '10.99.0.1:9092'] } }, 'kafka.brokers[1] 10.99.0.1:9092'],
    ['a metrics endpoint', { metricsEndpoints: ['http://127.0.0.1:3300/metrics', 'http://10.99.0.1:9100/metrics'] }, 'metricsEndpoints[1] http://10.99.0.1:9100/metrics'],
  ])('refuses %s outside loopback and allowHosts with one line naming the key, the host and the fix', (_name, patch, named) => {
    const config = mergeConfig(DEFAULT_CONFIG, patch);
    expect(() => buildPlan(input({ config }))).toThrow(
      `refusing to send load to host "10.99.0.1" (${named}): only loopback (127.0.0.0/8, localhost, ::1) and hosts in allowHosts may be targeted; if this host is yours to load-test, add "10.99.0.1" to "allowHosts" in loadbook.config.json`,
    );
    expect(buildPlan(input({ config: mergeConfig(config, { allowHosts: ['10.99.0.1'] }) })).config.allowHosts).toEqual(['10.99.0.1']);
  });

  it('refuses an allowHosts entry the schema lets through but the engine could not match, before anything starts', () => {
    const config = mergeConfig(DEFAULT_CONFIG, { allowHosts: ['ok.internal', 'ab:cd'] });
    expect(() => buildPlan(input({ config }))).toThrow(
      'invalid allowHosts[1]; expected a host name or IP address without scheme, port or path, such as "staging.example.internal", got "ab:cd"',
    );
  });

  it('refuses metrics endpoints outside loopback and allowHosts too', () => {
    const config = mergeConfig(DEFAULT_CONFIG, { metricsEndpoints: ['http://10.0.0.8:9100/metrics'] });
    expect(() => buildPlan(input({ config }))).toThrow(/^refusing to send load to host "10\.0\.0\.8" \(metricsEndpoints\[0\]/);
  });

  it.each([
    [{ phase: 'stress' }, 'invalid phase; expected one of smoke, ramp, steady, spike, soak, got "stress"'],
    [{ scenarios: [] }, 'invalid scenarios; expected at least one of product-get, order-post, inventory-grpc, ws-broadcast, kafka-publish, got []'],
    [{ scenarios: ['checkout'] }, 'invalid scenario; expected one of product-get, order-post, inventory-grpc, ws-broadcast, kafka-publish, got "checkout"'],
    [{ scenarios: ['product-get', 'product-get'] }, 'invalid scenarios; expected each scenario named once, got ["product-get","product-get"]'],
    [{ rate: -5 }, 'invalid rate; expected a positive number of iterations per second, got -5'],
    [{ rate: Number.NaN }, 'invalid rate; expected a positive number of iterations per second, got NaN'],
    [{ timeScale: 0 }, 'invalid timeScale; expected a number in (0, 1] that multiplies every duration, got 0'],
    [{ timeScale: 2 }, 'invalid timeScale; expected a number in (0, 1] that multiplies every duration, got 2'],
    [{ workers: 0 }, 'invalid workers; expected a whole number of worker threads, at least 1, got 0'],
    [{ now: new Date('nonsense') }, 'invalid now; expected a valid Date, got "Invalid Date"'],
    [{ target: 'ftp://127.0.0.1' }, 'invalid target.baseUrl; expected an http:// or https:// URL, got "ftp://127.0.0.1"'],
    [
      { config: { ...DEFAULT_CONFIG, baselineRate: 0 } },
      'invalid config /baselineRate; expected a number > 0, got 0; load the config with loadConfig, which fills in defaults',
    ],
  ] as const)('refuses %j with a one-line error', (patch, message) => {
    let thrown: unknown;
    try {
      buildPlan(input(patch as Partial<BuildPlanInput>));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LoadbookError);
    expect((thrown as Error).message).toBe(message);
  });
});

describe('buildPlan provenance', () => {
  it('records the code the run is made with, and a plan with a malformed commit is refused', () => {
    const provenance = { gitCommit: 'a'.repeat(40), gitDirty: false, loadbookVersion: '0.1.0' };
    const plan = throughJson(buildPlan(input({ provenance })));
    expect(plan.provenance).toEqual(provenance);
    expect(() => validatePlan({ ...plan, provenance: { ...provenance, gitCommit: 'HEAD' } })).toThrow(/gitCommit/);
  });
});
