/** Number formats shared by every renderer, so a report, a baseline and a verdict print the same figure alike. */

/** Milliseconds with precision that suits their size: 0.123, 12.3, 123. `—` when absent. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1) return ms.toFixed(3);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

/** A ratio (0.0123) as a percentage (1.23%). `—` when absent. */
export function formatPercent(ratio: number | undefined, digits = 2): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** A count or rate with thousands separators and at most `digits` decimals. `—` when absent. */
export function formatNumber(value: number | undefined, digits = 1): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** {@link formatMs} with its unit, for prose: `12.3 ms`. */
export function formatMsWithUnit(ms: number | undefined): string {
  return `${formatMs(ms)} ms`;
}
