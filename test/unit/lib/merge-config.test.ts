import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/config.ts';
import { mergeConfig } from '../../../lib/merge-config.ts';

describe('mergeConfig', () => {
  it('returns a copy of the base when there is no patch', () => {
    const merged = mergeConfig(DEFAULT_CONFIG, undefined);
    expect(merged).toEqual(DEFAULT_CONFIG);
    expect(merged).not.toBe(DEFAULT_CONFIG);
    expect(merged.scenarios['product-get']).not.toBe(DEFAULT_CONFIG.scenarios['product-get']);
    expect(Object.isFrozen(merged.allowHosts)).toBe(false);
  });

  it('merges nested objects field by field', () => {
    const merged = mergeConfig(DEFAULT_CONFIG, { scenarios: { 'product-get': { zipfExponent: 1.2 } } });
    expect(merged.scenarios['product-get']).toEqual({ ...DEFAULT_CONFIG.scenarios['product-get'], zipfExponent: 1.2 });
  });

  it('replaces lists whole', () => {
    const merged = mergeConfig({ ...DEFAULT_CONFIG, allowHosts: ['a', 'b'] }, { allowHosts: ['c'] });
    expect(merged.allowHosts).toEqual(['c']);
  });

  it('keeps the base’s key order, so equal inputs serialise identically', () => {
    const merged = mergeConfig(DEFAULT_CONFIG, { metricsEndpoints: [], baselineRate: 5 });
    expect(Object.keys(merged)).toEqual(Object.keys(DEFAULT_CONFIG));
  });

  it('never writes to its inputs', () => {
    const patch = { target: { baseUrl: 'http://localhost:1' } };
    const merged = mergeConfig(DEFAULT_CONFIG, patch);
    merged.target.baseUrl = 'http://changed';
    expect(patch.target.baseUrl).toBe('http://localhost:1');
    expect(DEFAULT_CONFIG.target.baseUrl).toBe('http://127.0.0.1:3300');
  });
});
