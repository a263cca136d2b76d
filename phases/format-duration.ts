const UNITS = [
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
] as const;

/**
 * Writes whole milliseconds as a k6 duration string in Go's compound form, largest units first and zero
 * terms left out: 6000 → `"6s"`, 90000 → `"1m30s"`, 7200000 → `"2h"`, 6500 → `"6s500ms"`, 0 → `"0s"`.
 * The result reads back exactly with k6's (Go's) duration parser.
 */
export function formatDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0) {
    throw new Error(`invalid duration; expected a whole, non-negative number of milliseconds, got ${String(ms)}`);
  }
  if (ms === 0) return '0s';
  let rest = ms;
  let text = '';
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text;
}
