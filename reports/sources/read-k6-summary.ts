import { readFile } from 'node:fs/promises';
import type { SummaryData, SummaryGroup } from '../../engine/summary/summary-types.ts';
import { jsonSyntaxReason } from '../../engine/errors.ts';
import { K6InputError } from './k6-input-error.ts';

/** Numeric keys each metric type's `values` must hold; trends hold one key per summaryTrendStats entry. */
const VALUE_KEYS: Record<string, readonly string[]> = {
  counter: ['count', 'rate'],
  gauge: ['value', 'min', 'max'],
  rate: ['rate', 'passes', 'fails'],
  trend: [],
};
const CONTAINS = ['default', 'time', 'data'];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks one value at a time and throws `file: expected <where> to be <what>`. */
class Checker {
  constructor(private readonly file: string) {}

  fail(where: string, what: string, found: unknown): never {
    const shown = found === undefined ? 'nothing' : JSON.stringify(found)?.slice(0, 60);
    throw new K6InputError(`${this.file}: expected ${where} to be ${what}; found ${shown}`);
  }

  object(value: unknown, where: string): Json {
    if (!isObject(value)) this.fail(where, 'an object', value);
    return value;
  }

  string(value: unknown, where: string): string {
    if (typeof value !== 'string') this.fail(where, 'a string', value);
    return value;
  }

  number(value: unknown, where: string): number {
    if (typeof value !== 'number' || Number.isNaN(value)) this.fail(where, 'a number', value);
    return value;
  }

  boolean(value: unknown, where: string): boolean {
    if (typeof value !== 'boolean') this.fail(where, 'true or false', value);
    return value;
  }

  array(value: unknown, where: string): unknown[] {
    if (!Array.isArray(value)) this.fail(where, 'an array', value);
    return value;
  }
}

function checkGroup(check: Checker, value: unknown, where: string): void {
  const group = check.object(value, where);
  for (const key of ['name', 'path', 'id']) check.string(group[key], `${where}.${key}`);
  check.array(group.groups, `${where}.groups`).forEach((child, i) => checkGroup(check, child, `${where}.groups[${i}]`));
  check.array(group.checks, `${where}.checks`).forEach((item, i) => {
    const at = `${where}.checks[${i}]`;
    const entry = check.object(item, at);
    for (const key of ['name', 'path', 'id']) check.string(entry[key], `${at}.${key}`);
    check.number(entry.passes, `${at}.passes`);
    check.number(entry.fails, `${at}.fails`);
  });
}

function checkMetric(check: Checker, value: unknown, where: string): void {
  const metric = check.object(value, where);
  const type = metric.type as string;
  // Object.hasOwn, not `in`: a type named "toString" or "__proto__" must not find what every object inherits;
  // a string first, as an object with its own toString field cannot even be used as a key.
  if (typeof type !== 'string' || !Object.hasOwn(VALUE_KEYS, type)) check.fail(`${where}.type`, 'counter, gauge, rate or trend', metric.type);
  if (!CONTAINS.includes(metric.contains as string)) check.fail(`${where}.contains`, 'default, time or data', metric.contains);
  const values = check.object(metric.values, `${where}.values`);
  for (const key of VALUE_KEYS[type]!) check.number(values[key], `${where}.values.${key}`);
  if (type === 'trend') for (const key of Object.keys(values)) check.number(values[key], `${where}.values[${JSON.stringify(key)}]`);
  if (metric.thresholds === undefined) return;
  const thresholds = check.object(metric.thresholds, `${where}.thresholds`);
  for (const [expr, result] of Object.entries(thresholds)) {
    const at = `${where}.thresholds[${JSON.stringify(expr)}]`;
    check.boolean(check.object(result, at).ok, `${at}.ok`);
  }
}

/** Validates parsed handleSummary data (k6's or the engine's `summary.json`); `file` names it in errors. */
export function validateK6Summary(value: unknown, file: string): SummaryData {
  const check = new Checker(file);
  const data = check.object(value, 'the summary (handleSummary data)');
  checkGroup(check, data.root_group, 'root_group');
  const options = check.object(data.options, 'options');
  check.array(options.summaryTrendStats, 'options.summaryTrendStats').forEach((stat, i) =>
    check.string(stat, `options.summaryTrendStats[${i}]`),
  );
  const state = check.object(data.state, 'state');
  check.number(state.testRunDurationMs, 'state.testRunDurationMs');
  const metrics = check.object(data.metrics, 'metrics');
  for (const [name, metric] of Object.entries(metrics)) checkMetric(check, metric, `metrics[${JSON.stringify(name)}]`);
  return data as unknown as SummaryData;
}

/** Reads and validates a handleSummary JSON file; every failure is one line naming the file. */
export async function readK6Summary(path: string): Promise<SummaryData> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new K6InputError(`${path}: cannot read the file (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new K6InputError(`${path}: expected handleSummary JSON (${jsonSyntaxReason(error)})`);
  }
  return validateK6Summary(parsed, path);
}

export type { SummaryData, SummaryGroup };
