import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoadbookError } from '../../../engine/errors.ts';
import { DEFAULT_CONFIG } from '../../../lib/config.ts';
import { loadConfig } from '../../../plan/load-config.ts';

let dir: string;

function writeConfig(content: unknown, name = 'loadbook.config.json'): string {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

function loadError(run: () => unknown): LoadbookError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LoadbookError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return error as LoadbookError;
  }
  throw new Error('expected loadConfig to throw');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'loadbook-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadConfig', () => {
  it('returns the defaults when no loadbook.config.json exists', () => {
    expect(loadConfig({ cwd: dir, env: {} })).toEqual(DEFAULT_CONFIG);
  });

  it('ships a loadbook.config.json that spells out exactly the defaults', () => {
    const repoRoot = join(import.meta.dirname, '../../..');
    const { $schema, ...fields } = JSON.parse(readFileSync(join(repoRoot, 'loadbook.config.json'), 'utf8'));
    expect($schema).toBe('./schemas/config.schema.json');
    expect(fields).toEqual(DEFAULT_CONFIG);
    expect(loadConfig({ cwd: repoRoot, env: {} })).toEqual(DEFAULT_CONFIG);
  });

  it('reads loadbook.config.json from the working directory, ignoring its $schema pointer', () => {
    writeConfig({ $schema: './schemas/config.schema.json', baselineRate: 50 });
    const config = loadConfig({ cwd: dir, env: {} });
    expect(config.baselineRate).toBe(50);
    expect(config).not.toHaveProperty('$schema');
  });

  it('merges a partial file over the defaults', () => {
    writeConfig({ scenarios: { 'product-get': { budgetP95Ms: 150 } } });
    expect(loadConfig({ cwd: dir, env: {} }).scenarios['product-get']).toEqual({
      ...DEFAULT_CONFIG.scenarios['product-get'],
      budgetP95Ms: 150,
    });
  });

  it.each([
    // file, env, flag, expected baselineRate: flags > env > file > defaults
    [undefined, undefined, undefined, 100],
    [50, undefined, undefined, 50],
    [50, '70', undefined, 70],
    [50, '70', 90, 90],
    [undefined, '70', undefined, 70],
    [undefined, undefined, '90', 90],
    [50, undefined, 90, 90],
  ])('with file %s, LOADBOOK_RATE %s and --rate %s uses %s', (file, env, flag, expected) => {
    if (file !== undefined) writeConfig({ baselineRate: file });
    const config = loadConfig({
      cwd: dir,
      env: env === undefined ? {} : { LOADBOOK_RATE: env },
      flags: flag === undefined ? {} : { rate: flag },
    });
    expect(config.baselineRate).toBe(expected);
  });

  it('applies every documented env override', () => {
    const config = loadConfig({
      cwd: dir,
      env: {
        LOADBOOK_RATE: '12.5',
        LOADBOOK_TARGET: 'http://localhost:4000/',
        LOADBOOK_HEADROOM: '2',
        LOADBOOK_ALLOW_HOSTS: 'staging.internal, 10.1.2.3',
        LOADBOOK_METRICS_ENDPOINTS: 'http://localhost:4000/metrics',
      },
    });
    expect(config).toMatchObject({
      baselineRate: 12.5,
      target: { baseUrl: 'http://localhost:4000' },
      headroom: 2,
      allowHosts: ['staging.internal', '10.1.2.3'],
      metricsEndpoints: ['http://localhost:4000/metrics'],
    });
  });

  it('lets flags override env for every field', () => {
    const config = loadConfig({
      cwd: dir,
      env: { LOADBOOK_TARGET: 'http://localhost:1', LOADBOOK_ALLOW_HOSTS: 'a.internal' },
      flags: { target: 'http://localhost:2', allowHosts: ['b.internal'], headroom: 4, metricsEndpoints: 'http://localhost:2/m' },
    });
    expect(config).toMatchObject({
      target: { baseUrl: 'http://localhost:2' },
      allowHosts: ['b.internal'],
      headroom: 4,
      metricsEndpoints: ['http://localhost:2/m'],
    });
  });

  it('reads process.env when no env is given', () => {
    process.env['LOADBOOK_HEADROOM'] = '6';
    try {
      expect(loadConfig({ cwd: dir }).headroom).toBe(6);
    } finally {
      delete process.env['LOADBOOK_HEADROOM'];
    }
  });

  it('refuses a named config file that does not exist', () => {
    expect(loadError(() => loadConfig({ cwd: dir, env: {}, file: 'staging.json' })).message).toBe(
      'cannot read config file "staging.json": no such file; pass an existing file, or leave it out to use loadbook.config.json or the defaults',
    );
  });

  it('names the file and the syntax problem for malformed JSON', () => {
    writeConfig('{ "baselineRate": 5,, }');
    expect(loadError(() => loadConfig({ cwd: dir, env: {} })).message).toMatch(
      /^invalid JSON in loadbook\.config\.json: .+; fix the syntax in loadbook\.config\.json$/,
    );
  });

  it.each([
    [{ baselineRate: -5 }, 'invalid /baselineRate in loadbook.config.json; expected a number > 0, got -5'],
    [{ baselineRate: '100' }, 'invalid /baselineRate in loadbook.config.json; expected a number, got "100"'],
    [{ headroom: 0.5 }, 'invalid /headroom in loadbook.config.json; expected a number >= 1, got 0.5'],
    [
      { target: { baseUrl: 'localhost:3300' } },
      'invalid /target/baseUrl in loadbook.config.json; expected an http:// or https:// base URL such as "http://127.0.0.1:3300" (only loopback and allowHosts may be targeted), got "localhost:3300"',
    ],
    [
      { scenarios: { 'product-get': { catalogSize: 10.5 } } },
      'invalid /scenarios/product-get/catalogSize in loadbook.config.json; expected a whole number, got 10.5',
    ],
    [
      { scenarios: { 'product-get': { path: '/products' } } },
      'invalid /scenarios/product-get/path in loadbook.config.json; expected a request path starting with "/" that contains "{id}", such as "/products/{id}", got "/products"',
    ],
    [
      { scenarios: { product_get: {} } },
      'invalid /scenarios/product_get in loadbook.config.json; expected a known field (product-get, order-post, inventory-grpc, ws-broadcast, kafka-publish), got an unknown field "product_get"',
    ],
    [{ allowHosts: 'staging' }, 'invalid /allowHosts in loadbook.config.json; expected an array, got "staging"'],
    [
      { allowHosts: ['https://staging/'] },
      'invalid /allowHosts/0 in loadbook.config.json; expected a host name or IP address without scheme, port or path, such as "staging.example.internal", got "https://staging/"',
    ],
  ])('refuses %j in one line naming the JSON path', (content, message) => {
    writeConfig(content);
    expect(loadError(() => loadConfig({ cwd: dir, env: {} })).message).toBe(
      `${message}; edit loadbook.config.json (schemas/config.schema.json lists every field)`,
    );
  });

  it('names an explicitly chosen file in its errors', () => {
    writeConfig({ baselineRate: 0 }, 'ci.json');
    expect(loadError(() => loadConfig({ cwd: dir, env: {}, file: 'ci.json' })).message).toBe(
      'invalid /baselineRate in ci.json; expected a number > 0, got 0; edit ci.json (schemas/config.schema.json lists every field)',
    );
  });

  it.each([
    [{ LOADBOOK_RATE: '-5' }, 'invalid LOADBOOK_RATE (/baselineRate); expected a number > 0, got "-5"; fix or unset LOADBOOK_RATE'],
    [{ LOADBOOK_RATE: 'fast' }, 'invalid LOADBOOK_RATE (/baselineRate); expected a number, got "fast"; fix or unset LOADBOOK_RATE'],
    [{ LOADBOOK_HEADROOM: '0' }, 'invalid LOADBOOK_HEADROOM (/headroom); expected a number >= 1, got "0"; fix or unset LOADBOOK_HEADROOM'],
    [
      { LOADBOOK_TARGET: 'shop' },
      'invalid LOADBOOK_TARGET (/target/baseUrl); expected an http:// or https:// base URL such as "http://127.0.0.1:3300" (only loopback and allowHosts may be targeted), got "shop"; fix or unset LOADBOOK_TARGET',
    ],
    [
      { LOADBOOK_METRICS_ENDPOINTS: 'http://localhost/m,metrics' },
      'invalid LOADBOOK_METRICS_ENDPOINTS (/metricsEndpoints/1); expected an http:// or https:// URL such as "http://127.0.0.1:3300/metrics", got "metrics"; fix or unset LOADBOOK_METRICS_ENDPOINTS',
    ],
  ])('refuses env %j naming the variable and the path', (env, message) => {
    expect(loadError(() => loadConfig({ cwd: dir, env })).message).toBe(message);
  });

  it.each([
    [{ rate: '-5' }, 'invalid --rate (/baselineRate); expected a number > 0, got "-5"; pass a valid --rate'],
    [{ rate: -5 }, 'invalid --rate (/baselineRate); expected a number > 0, got -5; pass a valid --rate'],
    [{ headroom: 'lots' }, 'invalid --headroom (/headroom); expected a number, got "lots"; pass a valid --headroom'],
    [
      { allowHosts: ['ok.internal', 'bad host'] },
      'invalid --allow-hosts (/allowHosts/1); expected a host name or IP address without scheme, port or path, such as "staging.example.internal", got "bad host"; pass a valid --allow-hosts',
    ],
  ])('refuses flags %j naming the flag and the path', (flags, message) => {
    expect(loadError(() => loadConfig({ cwd: dir, env: {}, flags })).message).toBe(message);
  });

  it('checks the file before env, so a bad file is reported even when env would override the field', () => {
    writeConfig({ baselineRate: -1 });
    expect(loadError(() => loadConfig({ cwd: dir, env: { LOADBOOK_RATE: '5' } })).message).toMatch(
      /^invalid \/baselineRate in loadbook\.config\.json;/,
    );
  });

  it('exits with the invalid-config code', () => {
    expect(loadError(() => loadConfig({ cwd: dir, env: { LOADBOOK_RATE: 'x' } })).exitCode).toBe(104);
  });
});
