import { OptionsError, shown } from '../errors.ts';

/** Milliseconds per unit of a Go/k6 duration string. Both micro signs (U+00B5, U+03BC) are accepted, as Go does. */
const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
};

// One "number unit" term; a duration is one or more of them ("1h30m", "1.5s"). Longer units come first so
// that "ms" is not read as "m" followed by a stray "s".
const TERM = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * Reads a k6 duration option into milliseconds.
 *
 * Strings follow Go's `time.ParseDuration`, as k6 does: one or more `number unit` terms such as `"30s"`,
 * `"1m30s"`, `"1.5h"` or `"500ms"`, with units ns, us (µs), ms, s, m and h, plus the bare `"0"`. A plain
 * number is taken as milliseconds, as k6 does for numeric durations. Negative durations are refused: no k6
 * option that takes a duration gives them a meaning.
 *
 * @param what names the option in the error, e.g. `scenarios.product.duration`.
 */
export function parseDuration(value: unknown, what: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw durationError(value, what);
  }
  if (typeof value !== 'string') throw durationError(value, what);
  if (value === '0') return 0;

  let total = 0;
  let offset = 0;
  while (offset < value.length) {
    TERM.lastIndex = offset;
    const term = TERM.exec(value);
    if (term === null) throw durationError(value, what);
    total += Number(term[1]) * UNIT_MS[term[2]!]!;
    offset = TERM.lastIndex;
  }
  if (offset === 0 || !Number.isFinite(total)) throw durationError(value, what);
  return total;
}

function durationError(value: unknown, what: string): OptionsError {
  return new OptionsError(`invalid ${what} ${shown(value)}; expected a duration such as "30s", "1m30s" or "500ms"`);
}

/**
 * Writes milliseconds the way k6's summary writes durations: the largest fitting unit with up to two decimals
 * below a minute (`"850ms"`, `"45.2s"`, `"12.25µs"`), Go-style compound form from a minute up (`"1m30s"`,
 * `"2h0m0s"`) and `"0s"` for zero.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms === 0) return '0s';
  // Each branch rounds first and falls through when rounding carries into the next unit (999.999ms → 1s).
  if (ms < 1) {
    const us = round2(ms * 1_000);
    if (us === 0) return '0s';
    if (us < 1_000) return `${us}µs`;
  }
  if (ms < 1_000 && round2(ms) < 1_000) return `${round2(ms)}ms`;
  if (ms < 60_000 && round2(ms / 1_000) < 60) return `${round2(ms / 1_000)}s`;

  const centiseconds = Math.round(ms / 10);
  const hours = Math.floor(centiseconds / 360_000);
  const minutes = Math.floor((centiseconds % 360_000) / 6_000);
  const seconds = (centiseconds % 6_000) / 100;
  return hours > 0 ? `${hours}h${minutes}m${seconds}s` : `${minutes}m${seconds}s`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
