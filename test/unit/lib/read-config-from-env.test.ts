import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/config.ts';
import { readConfigFromEnv } from '../../../lib/read-config-from-env.ts';

describe('readConfigFromEnv', () => {
  it('falls back to the defaults, smoke and real durations when nothing is set, so a scenario runs alone', () => {
    expect(readConfigFromEnv({})).toEqual({ config: DEFAULT_CONFIG, phase: 'smoke', timeScale: 1 });
  });

  it('counts empty variables as unset', () => {
    const env = { LOADBOOK_CONFIG: '', LOADBOOK_PHASE: '', LOADBOOK_RATE: '', LOADBOOK_TIME_SCALE: '', LOADBOOK_TARGET: '' };
    expect(readConfigFromEnv(env)).toEqual({ config: DEFAULT_CONFIG, phase: 'smoke', timeScale: 1 });
  });

  it('reads the resolved config from LOADBOOK_CONFIG', () => {
    const config = { ...DEFAULT_CONFIG, baselineRate: 40, headroom: 2 };
    expect(readConfigFromEnv({ LOADBOOK_CONFIG: JSON.stringify(config) }).config).toEqual(config);
  });

  it('lays a partial LOADBOOK_CONFIG over the defaults', () => {
    const { config } = readConfigFromEnv({
      LOADBOOK_CONFIG: JSON.stringify({ scenarios: { 'product-get': { budgetP95Ms: 200 } } }),
    });
    expect(config.scenarios['product-get']).toEqual({ ...DEFAULT_CONFIG.scenarios['product-get'], budgetP95Ms: 200 });
    expect(config.baselineRate).toBe(DEFAULT_CONFIG.baselineRate);
  });

  it('lets LOADBOOK_RATE and LOADBOOK_TARGET override the config', () => {
    const { config } = readConfigFromEnv({
      LOADBOOK_CONFIG: JSON.stringify({ baselineRate: 40 }),
      LOADBOOK_RATE: '250',
      LOADBOOK_TARGET: 'http://localhost:4000/',
    });
    expect(config.baselineRate).toBe(250);
    expect(config.target.baseUrl).toBe('http://localhost:4000');
  });

  it('drops a trailing slash from the config’s base URL so paths join cleanly', () => {
    const { config } = readConfigFromEnv({ LOADBOOK_CONFIG: JSON.stringify({ target: { baseUrl: 'http://localhost:9/' } }) });
    expect(config.target.baseUrl).toBe('http://localhost:9');
  });

  it.each([
    ['smoke'],
    ['ramp'],
    ['steady'],
    ['spike'],
    ['soak'],
  ])('reads phase %s from LOADBOOK_PHASE', (phase) => {
    expect(readConfigFromEnv({ LOADBOOK_PHASE: phase }).phase).toBe(phase);
  });

  it.each([
    ['0.02', 0.02],
    ['1', 1],
    ['.5', 0.5],
    ['1e-2', 0.01],
  ])('reads LOADBOOK_TIME_SCALE %s as %s', (raw, timeScale) => {
    expect(readConfigFromEnv({ LOADBOOK_TIME_SCALE: raw }).timeScale).toBe(timeScale);
  });

  it('leaves DEFAULT_CONFIG untouched when overriding', () => {
    readConfigFromEnv({ LOADBOOK_RATE: '7', LOADBOOK_TARGET: 'http://127.0.0.2:1' });
    expect(DEFAULT_CONFIG.baselineRate).toBe(100);
    expect(DEFAULT_CONFIG.target.baseUrl).toBe('http://127.0.0.1:3300');
  });

  it.each([
    [{ LOADBOOK_RATE: '-5' }, 'invalid LOADBOOK_RATE; expected a positive number of iterations per second, got "-5"'],
    [{ LOADBOOK_RATE: 'fast' }, 'invalid LOADBOOK_RATE; expected a positive number of iterations per second, got "fast"'],
    [{ LOADBOOK_RATE: '0' }, 'invalid LOADBOOK_RATE; expected a positive number of iterations per second, got "0"'],
    [{ LOADBOOK_RATE: '10/s' }, 'invalid LOADBOOK_RATE; expected a positive number of iterations per second, got "10/s"'],
    [{ LOADBOOK_TIME_SCALE: '2' }, 'invalid LOADBOOK_TIME_SCALE; expected a number in (0, 1] that multiplies every duration, got "2"'],
    [{ LOADBOOK_TIME_SCALE: '0' }, 'invalid LOADBOOK_TIME_SCALE; expected a number in (0, 1] that multiplies every duration, got "0"'],
    [{ LOADBOOK_PHASE: 'stress' }, 'invalid LOADBOOK_PHASE; expected one of smoke, ramp, steady, spike, soak, got "stress"'],
    [{ LOADBOOK_TARGET: 'shop:3300' }, 'invalid LOADBOOK_TARGET; expected an http:// or https:// base URL such as "http://127.0.0.1:3300", got "shop:3300"'],
    [{ LOADBOOK_CONFIG: '{"baselineRate":' }, 'invalid LOADBOOK_CONFIG; expected the resolved config as JSON, as plan.json records it, got "{\\"baselineRate\\":"'],
    [{ LOADBOOK_CONFIG: '[1]' }, 'invalid LOADBOOK_CONFIG; expected a JSON object, got "[1]"'],
    [
      { LOADBOOK_CONFIG: '{"baselineRate":-1}' },
      'invalid LOADBOOK_CONFIG.baselineRate; expected a positive number of iterations per second, got -1',
    ],
    [
      { LOADBOOK_CONFIG: '{"scenarios":{"product-get":{"catalogSize":0}}}' },
      'invalid LOADBOOK_CONFIG.scenarios.product-get.catalogSize; expected a whole number of products, at least 1, got 0',
    ],
    [
      { LOADBOOK_CONFIG: '{"scenarios":{"product-get":{"path":"/products"}}}' },
      'invalid LOADBOOK_CONFIG.scenarios.product-get.path; expected a path starting with "/" that contains "{id}", got "/products"',
    ],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => readConfigFromEnv(env)).toThrow(message);
  });
});
