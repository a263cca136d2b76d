import type { MetricContains } from '../metrics/metric-types.ts';
import { formatDuration } from '../options/parse-duration.ts';

/** k6's `summaryTimeUnit`: empty picks a unit per value, otherwise every time value uses the one unit. */
export type SummaryTimeUnit = '' | 's' | 'ms' | 'us';

const TIME_UNIT_MS: Readonly<Record<Exclude<SummaryTimeUnit, ''>, { ms: number; suffix: string }>> = {
  s: { ms: 1_000, suffix: 's' },
  ms: { ms: 1, suffix: 'ms' },
  us: { ms: 1e-3, suffix: 'µs' },
};

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;

/** Plain numbers with up to six decimals and no trailing zeros: `4.36938`, `152.355556`, `120`. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toFixed(6)));
}

/** Decimal (SI) byte sizes as k6 prints them: `718 B`, `4.9 kB`, `2.0 kB`, `519 kB`, `1.3 MB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${String(bytes)} B`;
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  if (bytes < 1_000) return `${Math.round(bytes)} B`;
  let exponent = Math.min(Math.floor(Math.log10(bytes) / 3), BYTE_UNITS.length - 1);
  let scaled = bytes / 1_000 ** exponent;
  // 999.96 kB would print as "1000 kB"; carry into the next unit instead.
  if (Math.round(scaled) >= 1_000 && exponent < BYTE_UNITS.length - 1) {
    exponent += 1;
    scaled = bytes / 1_000 ** exponent;
  }
  const digits = scaled < 10 ? scaled.toFixed(1) : scaled.toFixed(0);
  return `${digits} ${BYTE_UNITS[exponent]}`;
}

/** A time value in milliseconds, in the fixed summary unit if one is set (`144.56ms`, `1.14s`, `7µs`). */
export function formatTime(ms: number, unit: SummaryTimeUnit): string {
  if (unit === '') return formatDuration(ms);
  const { ms: perUnit, suffix } = TIME_UNIT_MS[unit];
  return `${String(Math.round((ms / perUnit) * 100) / 100)}${suffix}`;
}

/** A metric value by what it contains: milliseconds, bytes or a plain number. */
export function formatMetricValue(value: number, contains: MetricContains, unit: SummaryTimeUnit): string {
  switch (contains) {
    case 'time':
      return formatTime(value, unit);
    case 'data':
      return formatBytes(value);
    case 'default':
      return formatNumber(value);
    default:
      return contains satisfies never;
  }
}

/** Reads `options.summaryTimeUnit`, treating anything k6 would not accept as "pick per value". */
export function summaryTimeUnitOf(value: string | undefined): SummaryTimeUnit {
  return value === 's' || value === 'ms' || value === 'us' ? value : '';
}
