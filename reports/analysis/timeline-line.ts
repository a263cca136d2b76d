import { LoadbookError, shown } from '../../engine/errors.ts';
import type { TimelineLine } from './read-timeline.ts';

const TYPES: ReadonlySet<unknown> = new Set(['counter', 'gauge', 'rate', 'trend']);
const CONTAINS: ReadonlySet<unknown> = new Set(['default', 'time', 'data']);
const NUMBERS = ['count', 'sum', 'min', 'max', 'last'] as const;
/** compressed base64, as hdr-histogram-js encodes a histogram */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SHOWN_MAX = 80;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTags(value: unknown): boolean {
  return isObject(value) && Object.values(value).every((tag) => typeof tag === 'string');
}

/** What is wrong with a parsed series record, or undefined when it has the shape the analysis folds. */
function seriesProblem(line: Record<string, unknown>): [field: string, expected: string] | undefined {
  const { second, time, metric, type, contains, tags, hdr } = line;
  if (typeof second !== 'number' || !Number.isSafeInteger(second) || second < 0) return ['second', 'a whole number of seconds from 0'];
  if (typeof time !== 'number' || !Number.isFinite(time)) return ['time', 'epoch milliseconds'];
  if (typeof metric !== 'string' || metric === '') return ['metric', 'a metric name'];
  if (!TYPES.has(type)) return ['type', 'counter, gauge, rate or trend'];
  if (!CONTAINS.has(contains)) return ['contains', 'default, time or data'];
  if (!isTags(tags)) return ['tags', 'an object of string tags'];
  for (const field of NUMBERS) {
    const value = line[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) return [field, 'a finite number'];
  }
  if (hdr !== undefined && (typeof hdr !== 'string' || !BASE64.test(hdr))) return ['hdr', 'a compressed base64 HDR histogram'];
  return undefined;
}

/**
 * Checks one parsed line of `timeline.ndjson.gz` before the analysis folds it: a header with its start
 * time, a stop record (why the run ended early), or a series record with every field the folds read. Each field's type is checked, so a damaged or
 * hand-edited line ends in one message rather than a TypeError deep in the analysis.
 *
 * @param where names the line in the message, e.g. `timeline record 12 in out/runs/…/timeline.ndjson.gz`.
 * @throws LoadbookError naming the line, the field, what was expected and what was found.
 */
export function checkTimelineLine(value: unknown, where: string): TimelineLine {
  const fail = (field: string, expected: string, found: unknown): LoadbookError => {
    const text = found === undefined ? 'nothing' : shown(found);
    const clipped = text.length > SHOWN_MAX ? `${text.slice(0, SHOWN_MAX)}…` : text;
    return new LoadbookError(`invalid ${where}; expected ${field} to be ${expected}, got ${clipped}`);
  };
  if (!isObject(value)) throw fail('the line', 'a JSON object', value);
  if (value.kind === 'header') {
    if (value.version !== 1) throw fail('version', '1', value.version);
    if (typeof value.startedAt !== 'number' || !Number.isFinite(value.startedAt)) throw fail('startedAt', 'epoch milliseconds', value.startedAt);
    return value as unknown as TimelineLine;
  }
  if (value.kind === 'stop') {
    if (typeof value.exitCode !== 'number' || !Number.isInteger(value.exitCode)) throw fail('exitCode', 'a whole exit code', value.exitCode);
    if (typeof value.reason !== 'string') throw fail('reason', 'a sentence', value.reason);
    return value as unknown as TimelineLine;
  }
  if (value.kind !== 'series') throw fail('kind', '"header", "series" or "stop"', value.kind);
  const problem = seriesProblem(value);
  if (problem) throw fail(problem[0], problem[1], value[problem[0]]);
  return value as unknown as TimelineLine;
}
