import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadbookError } from '../../../engine/errors.ts';
import { readConfigFromEnv } from '../../../lib/read-config-from-env.ts';
import { buildPlan } from '../../../plan/build-plan.ts';
import { CONFIG_OVERRIDES, loadConfig } from '../../../plan/load-config.ts';
import { expectValueOrClearError, FUZZ, jsonDocumentText, mutatedText, trickyString } from './fuzz-support.ts';

const repoRoot = join(import.meta.dirname, '../../..');
const shippedConfig: unknown = JSON.parse(readFileSync(join(repoRoot, 'loadbook.config.json'), 'utf8'));

/** What a user may set one LOADBOOK_* variable to: anything, or a near miss of a valid value. */
const envValue = fc.oneof(
  trickyString,
  fc.constantFrom('100', '2.5', 'http://127.0.0.1:3300/', '127.0.0.1,localhost', 'http://127.0.0.1:3300/metrics').chain(mutatedText),
);

const envVars = fc.record(
  Object.fromEntries(CONFIG_OVERRIDES.map((override) => [override.env, envValue])) as Record<string, fc.Arbitrary<string>>,
  { requiredKeys: [] },
);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loadbook-config-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** loadConfig, then the plan the config leads to: both must end in a value or one clear LoadbookError. */
function loadAndPlan(file: string | undefined, env: Readonly<Record<string, string | undefined>>): void {
  const config = loadConfig({ cwd: dir, env, ...(file === undefined ? {} : { file }) });
  buildPlan({ phase: 'smoke', scenarios: ['product-get'], config, workers: 1, now: new Date(0), timeScale: 0.02 });
}

describe('the config loader under random and mutated input', () => {
  it('reads any config file, random or a mutation of the shipped one, or refuses it with one clear LoadbookError', () => {
    fc.assert(
      fc.property(jsonDocumentText(shippedConfig), (text) => {
        writeFileSync(join(dir, 'fuzzed.json'), text);
        expectValueOrClearError(() => loadAndPlan('fuzzed.json', {}), LoadbookError, text);
      }),
      FUZZ,
    );
  });

  it('reads any LOADBOOK_* environment values, or refuses them with one clear LoadbookError naming the variable', () => {
    fc.assert(
      fc.property(envVars, (env) => {
        expectValueOrClearError(() => loadAndPlan(undefined, env), LoadbookError, JSON.stringify(env));
      }),
      FUZZ,
    );
  });

  it('reads any LOADBOOK_CONFIG a VU is handed, or refuses it with one clear Error', () => {
    const valid = { ...(shippedConfig as object), $schema: undefined };
    const env = fc.record(
      {
        LOADBOOK_CONFIG: jsonDocumentText(valid),
        LOADBOOK_PHASE: fc.oneof(trickyString, fc.constantFrom('smoke', 'spike')),
        LOADBOOK_TIME_SCALE: envValue,
        LOADBOOK_RATE: envValue,
        LOADBOOK_TARGET: envValue,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(env, (vars) => {
        expectValueOrClearError(() => readConfigFromEnv(vars), Error, JSON.stringify(vars));
      }),
      FUZZ,
    );
  });
});

describe('config inputs the fuzzing found', () => {
  it('names an unknown field holding a line break on one line, the break shown escaped', () => {
    writeFileSync(join(dir, 'broken-field.json'), JSON.stringify({ 'a\r\nb': 1 }));
    expect(() => loadConfig({ cwd: dir, env: {}, file: 'broken-field.json' })).toThrow(
      'invalid /a\\u000d\\u000ab in broken-field.json; expected a known field (',
    );
  });

  it('quotes a config file that is a carriage return and a NUL on one line', () => {
    writeFileSync(join(dir, 'control.json'), '\r\u0000');
    expect(() => loadConfig({ cwd: dir, env: {}, file: 'control.json' })).toThrow(
      /^invalid JSON in control\.json: [^\r\n]*\\u000d[^\r\n]*; fix the syntax in control\.json$/,
    );
  });
});
