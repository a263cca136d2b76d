import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { jsonSyntaxReason, LoadbookError } from '../engine/errors.ts';
import { DEFAULT_CONFIG, type LoadbookConfig } from '../lib/config.ts';
import { mergeConfig, type PartialConfig } from '../lib/merge-config.ts';
import type { EnvVars } from '../lib/read-config-from-env.ts';
import configSchema from '../schemas/config.schema.json' with { type: 'json' };
import { compileSchema } from './compile-schema.ts';
import { formatSchemaError } from './format-schema-error.ts';

/** The config file read when none is named; missing, the defaults apply. */
export const DEFAULT_CONFIG_FILE = 'loadbook.config.json';

/** Command-line flags that override config fields. Values may be the flag's raw text. */
export interface ConfigFlags {
  /** `--rate`: baselineRate, iterations per second. */
  rate?: number | string;
  /** `--target`: target.baseUrl. */
  target?: string;
  /** `--headroom`: Little's-law headroom factor. */
  headroom?: number | string;
  /** `--allow-hosts`: allowHosts, as a list or comma-separated text. */
  allowHosts?: string | readonly string[];
  /** `--metrics-endpoints`: metricsEndpoints, as a list or comma-separated text. */
  metricsEndpoints?: string | readonly string[];
}

/** What loadConfig reads. */
export interface LoadConfigInput {
  /**
   * Config file; a named file must exist.
   * @default 'loadbook.config.json' in `cwd`, skipped when missing
   */
  file?: string;
  /**
   * Environment to read `LOADBOOK_*` overrides from.
   * @default process.env
   */
  env?: EnvVars;
  /** Flags, which override everything else. */
  flags?: ConfigFlags;
  /**
   * Directory relative paths are resolved against.
   * @default process.cwd()
   */
  cwd?: string;
}

type OverrideKind = 'number' | 'string' | 'list';

/** A config field that an env var and a flag can override. */
interface ConfigOverride {
  env: string;
  flag: keyof ConfigFlags;
  flagName: string;
  path: readonly [keyof LoadbookConfig] | readonly ['target', 'baseUrl'];
  kind: OverrideKind;
}

/** The fields env vars and flags may override, with the names users type. */
export const CONFIG_OVERRIDES = [
  { env: 'LOADBOOK_RATE', flag: 'rate', flagName: '--rate', path: ['baselineRate'], kind: 'number' },
  { env: 'LOADBOOK_TARGET', flag: 'target', flagName: '--target', path: ['target', 'baseUrl'], kind: 'string' },
  { env: 'LOADBOOK_HEADROOM', flag: 'headroom', flagName: '--headroom', path: ['headroom'], kind: 'number' },
  { env: 'LOADBOOK_ALLOW_HOSTS', flag: 'allowHosts', flagName: '--allow-hosts', path: ['allowHosts'], kind: 'list' },
  {
    env: 'LOADBOOK_METRICS_ENDPOINTS',
    flag: 'metricsEndpoints',
    flagName: '--metrics-endpoints',
    path: ['metricsEndpoints'],
    kind: 'list',
  },
] as const satisfies readonly ConfigOverride[];

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

// Text that is not a number stays text, so the schema's type check reports it with the user's spelling.
const PARSERS: Readonly<Record<OverrideKind, (raw: unknown) => unknown>> = {
  number: (raw) => (typeof raw === 'string' && NUMBER.test(raw.trim()) ? Number(raw) : raw),
  string: (raw) => raw,
  list: (raw) =>
    typeof raw === 'string'
      ? raw
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '')
      : raw,
};

const validateConfig = compileSchema<PartialConfig>(configSchema);

function pointerOf(path: readonly string[]): string {
  return `/${path.join('/')}`;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}

/** Builds the patch one layer (env or flags) makes, and checks it, naming the env var or flag at fault. */
function overrideLayer(
  layer: 'env' | 'flags',
  read: (override: (typeof CONFIG_OVERRIDES)[number]) => unknown,
): PartialConfig {
  const patch: Record<string, unknown> = {};
  const raws = new Map<string, { label: string; raw: unknown }>();
  for (const override of CONFIG_OVERRIDES) {
    const raw = read(override);
    if (raw === undefined || raw === '') continue;
    setPath(patch, override.path, PARSERS[override.kind](raw));
    const label = layer === 'env' ? override.env : override.flagName;
    raws.set(pointerOf(override.path), { label, raw });
  }
  if (!validateConfig(patch)) {
    const error = validateConfig.errors![0]!;
    const owner = [...raws.entries()].find(([pointer]) => error.instancePath.startsWith(pointer));
    const label = owner?.[1].label ?? layer;
    const fix = layer === 'env' ? `fix or unset ${label}` : `pass a valid ${label}`;
    throw new LoadbookError(
      formatSchemaError(error, {
        name: (pointer) => `${label} (${pointer})`,
        fix,
        // A list item is shown as parsed; a scalar as the user typed it.
        ...(owner !== undefined && owner[0] === error.instancePath ? { given: owner[1].raw } : {}),
      }),
    );
  }
  return patch as PartialConfig;
}

function readFileLayer(file: string, explicit: boolean, shownName: string): PartialConfig {
  if (!existsSync(file)) {
    if (!explicit) return {};
    throw new LoadbookError(
      `cannot read config file ${JSON.stringify(shownName)}: no such file; pass an existing file, or leave it out to use ${DEFAULT_CONFIG_FILE} or the defaults`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LoadbookError(`invalid JSON in ${shownName}: ${jsonSyntaxReason(error)}; fix the syntax in ${shownName}`);
  }
  if (!validateConfig(parsed)) {
    throw new LoadbookError(
      formatSchemaError(validateConfig.errors![0]!, {
        name: (pointer) => `${pointer} in ${shownName}`,
        fix: `edit ${shownName} (schemas/config.schema.json lists every field)`,
      }),
    );
  }
  const { $schema: _schema, ...fields } = parsed as PartialConfig & { $schema?: string };
  return fields;
}

/**
 * Loads loadbook's configuration. Precedence, highest first:
 *
 * 1. **flags** (`--rate`, `--target`, `--headroom`, `--allow-hosts`, `--metrics-endpoints`);
 * 2. **env**: `LOADBOOK_RATE`, `LOADBOOK_TARGET`, `LOADBOOK_HEADROOM`, `LOADBOOK_ALLOW_HOSTS` and
 *    `LOADBOOK_METRICS_ENDPOINTS` (lists comma-separated; empty variables count as unset);
 * 3. **file**: `file`, or `loadbook.config.json` when it exists;
 * 4. **defaults**: DEFAULT_CONFIG.
 *
 * Objects merge field by field; lists replace. Each layer is validated with ajv against
 * schemas/config.schema.json, and the first problem throws a one-line LoadbookError (exit code 104) that
 * names the JSON path and where it came from, what was expected, what was given, and what to do.
 *
 * Run parameters that are not config fields (LOADBOOK_PHASE, LOADBOOK_TIME_SCALE) are buildPlan's inputs;
 * LOADBOOK_CONFIG is what the plan hands VUs and is not read here.
 */
export function loadConfig(input: LoadConfigInput = {}): LoadbookConfig {
  const cwd = input.cwd ?? process.cwd();
  const env = input.env ?? process.env;
  const flags = input.flags ?? {};
  const shownName = input.file ?? DEFAULT_CONFIG_FILE;

  const fileLayer = readFileLayer(resolve(cwd, shownName), input.file !== undefined, shownName);
  const envLayer = overrideLayer('env', (override) => env[override.env]);
  const flagLayer = overrideLayer('flags', (override) => flags[override.flag]);

  const config = mergeConfig(mergeConfig(mergeConfig(DEFAULT_CONFIG, fileLayer), envLayer), flagLayer);
  config.target.baseUrl = config.target.baseUrl.replace(/\/+$/, '');
  return config;
}
