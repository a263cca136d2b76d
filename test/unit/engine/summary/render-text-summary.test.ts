import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderTextSummary } from '../../../../engine/summary/render-text-summary.ts';
import type { SummaryData } from '../../../../engine/summary/summary-types.ts';

const FIXTURE = new URL('../../../fixtures/summary/product-get-summary.json', import.meta.url);
const loadFixture = (): SummaryData => JSON.parse(readFileSync(FIXTURE, 'utf8')) as SummaryData;

const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;

describe('renderTextSummary', () => {
  it('renders a product-get smoke run like k6 classic end-of-test summary', () => {
    expect(renderTextSummary(loadFixture(), { noColor: true })).toMatchInlineSnapshot(`
      "     ✓ cache header present

           █ product get

             ✓ status is 200
             ✗ body has product id
              ↳  99% — ✓ 594 / ✗ 6

         ✓ checks.........................: 99.67% ✓ 1794      ✗ 6
           data_received..................: 1.4 MB 46 kB/s
           data_sent......................: 82 kB  2.7 kB/s
           group_duration.................: avg=41.28ms min=18.9ms  med=36.51ms max=412.87ms p(90)=66ms     p(95)=88.75ms p(99)=171.33ms
           http_req_blocked...............: avg=81.34µs min=1.42µs  med=4.2µs   max=3.92ms   p(90)=7.31µs   p(95)=12.1µs  p(99)=2.8ms
         ✓ http_req_duration..............: avg=40.11ms min=18.12ms med=35.9ms  max=411.2ms  p(90)=65.31ms  p(95)=87.9ms  p(99)=170ms
             { expected_response:true }...: avg=40.1ms  min=18.12ms med=35.88ms max=411.2ms  p(90)=65.29ms  p(95)=87.88ms p(99)=169.5ms
           ✗ { scenario:product-get }.....: avg=58.74ms min=21.07ms med=49.6ms  max=411.2ms  p(90)=101.47ms p(95)=131.2ms p(99)=240.77ms
         ✓ http_req_failed................: 0.50%  ✓ 3         ✗ 597
           http_reqs......................: 600    19.979087/s
           iteration_duration.............: avg=1.04s   min=1.02s   med=1.04s   max=1.41s    p(90)=1.07s    p(95)=1.09s   p(99)=1.17s
           iterations.....................: 600    19.979087/s
           product_cache_hits.............: 91.33% ✓ 548       ✗ 52
           vus............................: 1      min=1       max=20
           vus_max........................: 20     min=20      max=20
      "
    `);
  });

  it('colours marks and values unless noColor is set, without moving any column', () => {
    const data = loadFixture();
    const coloured = renderTextSummary(data);
    const plain = renderTextSummary(data, { noColor: true });
    expect(coloured).toMatch(ANSI_ESCAPE);
    expect(plain).not.toMatch(ANSI_ESCAPE);
    expect(coloured.replace(ANSI_ESCAPE, '')).toBe(plain);
  });

  it('takes noColor from the summary options when the caller does not set it', () => {
    const data = loadFixture();
    expect(renderTextSummary({ ...data, options: { ...data.options, noColor: true } })).not.toMatch(ANSI_ESCAPE);
  });

  it('puts the indent in front of every line that has text', () => {
    const lines = renderTextSummary(loadFixture(), { noColor: true, indent: '>>' }).split('\n');
    expect(lines.filter((line) => line !== '').every((line) => line.startsWith('>>  '))).toBe(true);
  });

  it('marks a metric ✗ when any of its thresholds failed and ✓ when all passed', () => {
    const data = loadFixture();
    data.metrics['http_req_failed']!.thresholds = { 'rate<0.01': { ok: true }, 'rate<0.001': { ok: false } };
    const text = renderTextSummary(data, { noColor: true });
    expect(text).toMatch(/^ {3}✗ http_req_failed\.+: /m);
    expect(text).toMatch(/^ {3}✓ checks\.+: /m);
    expect(text).toMatch(/^ {5}data_sent\.+: /m);
  });

  it('lines up every colon, for metrics and sub-metrics alike', () => {
    const rows = renderTextSummary(loadFixture(), { noColor: true })
      .split('\n')
      .filter((line) => line.includes('..'));
    expect(rows.length).toBeGreaterThan(10);
    expect(new Set(rows.map((line) => line.indexOf('.: '))).size).toBe(1);
  });

  it('shows trend statistics in summaryTrendStats order and time values in summaryTimeUnit', () => {
    const data = loadFixture();
    data.options = { ...data.options, summaryTrendStats: ['p(95)', 'max'], summaryTimeUnit: 'ms' };
    const line = renderTextSummary(data, { noColor: true })
      .split('\n')
      .find((text) => text.includes('iteration_duration'));
    expect(line).toMatch(/: p\(95\)=1089\.9ms max=1413\.07ms$/);
  });

  it('lists a sub-metric whose parent is absent under its full key', () => {
    const data = loadFixture();
    delete data.metrics['http_req_duration'];
    const text = renderTextSummary(data, { noColor: true });
    expect(text).toMatch(/^ {5}http_req_duration\{expected_response:true\}\.+: avg=/m);
    expect(text).toMatch(/^ {3}✗ http_req_duration\{scenario:product-get\}\.+: avg=/m);
  });

  it('renders only the metrics when the run had no checks or groups', () => {
    const data = loadFixture();
    data.root_group = { ...data.root_group, checks: [], groups: [] };
    expect(renderTextSummary(data, { noColor: true }).split('\n')[0]).toMatch(/^ {3}✓ checks\.+: 99\.67%/);
  });
});
