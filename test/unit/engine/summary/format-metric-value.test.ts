import { describe, expect, it } from 'vitest';
import type { MetricContains } from '../../../../engine/metrics/metric-types.ts';
import {
  formatBytes,
  formatMetricValue,
  formatNumber,
  formatTime,
  summaryTimeUnitOf,
} from '../../../../engine/summary/format-metric-value.ts';
import type { SummaryTimeUnit } from '../../../../engine/summary/format-metric-value.ts';

describe('formatNumber', () => {
  it.each([
    [120, '120'],
    [4.36938, '4.36938'],
    [152.3555561234, '152.355556'],
    [1.092345, '1.092345'],
    [0, '0'],
    [-2.5, '-2.5'],
    [Number.NaN, 'NaN'],
  ])('writes %d as %s', (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [718, '718 B'],
    [999, '999 B'],
    [1_000, '1.0 kB'],
    [2_017, '2.0 kB'],
    [4_900, '4.9 kB'],
    [81_000, '81 kB'],
    [519_400, '519 kB'],
    [999_600, '1.0 MB'],
    [1_300_000, '1.3 MB'],
    [7_100_000_000, '7.1 GB'],
  ])('writes %d bytes as %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
});

describe('formatTime', () => {
  it.each<[number, SummaryTimeUnit, string]>([
    [144.5612, '', '144.56ms'],
    [1_140, '', '1.14s'],
    [0.007, '', '7µs'],
    [144.5612, 's', '0.14s'],
    [1_140, 'ms', '1140ms'],
    [0.007, 'ms', '0.01ms'],
    [1.5, 'us', '1500µs'],
  ])('writes %d ms with summaryTimeUnit %j as %s', (ms, unit, expected) => {
    expect(formatTime(ms, unit)).toBe(expected);
  });
});

describe('formatMetricValue', () => {
  it.each<[number, MetricContains, string]>([
    [1_500, 'time', '1.5s'],
    [1_500, 'data', '1.5 kB'],
    [1_500, 'default', '1500'],
  ])('writes %d containing %s as %s', (value, contains, expected) => {
    expect(formatMetricValue(value, contains, '')).toBe(expected);
  });
});

describe('summaryTimeUnitOf', () => {
  it.each([
    ['s', 's'],
    ['ms', 'ms'],
    ['us', 'us'],
    ['', ''],
    ['minutes', ''],
    [undefined, ''],
  ])('reads %j as %j', (value, expected) => {
    expect(summaryTimeUnitOf(value)).toBe(expected);
  });
});
