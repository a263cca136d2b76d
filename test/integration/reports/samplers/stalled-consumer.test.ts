import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerSamples, type TimedServerSample } from '../../../../reports/analysis/read-server-samples.ts';
import { ServerSamplesFold } from '../../../../reports/analysis/server-samples-fold.ts';
import type { RunAnalysis } from '../../../../reports/analysis/run-analysis.ts';
import { renderMarkdown, SECTIONS } from '../../../../reports/report/index.ts';
import { startSamplers } from '../../../../reports/samplers/index.ts';
import { evaluateRules } from '../../../../reports/verdict/rules/index.ts';
import { startShop, type RunningShop } from '../../../../shop/start-shop.ts';
import { loadRunAnalysis } from '../../../fixtures/reports/load-run-analysis.ts';
import { testKafkaBrokers } from '../../../support/kafka-global-setup.ts';

// Topic and groups of this file alone: the broker is shared by the whole test run.
const suffix = randomUUID().slice(0, 8);
const ordersTopic = `stalled-test.orders.${suffix}`;
const group = `stalled-test-${suffix}`;
const misspelt = `stalled-tset-${suffix}`;
const ORDERS = 12;

let shop: RunningShop;
let dir: string;
let samples: TimedServerSample[];
let startedAt: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loadbook-stalled-'));
  const brokers = testKafkaBrokers();
  // The consumer joins its group and is held from the start, so the group never commits an offset.
  shop = await startShop({ productCount: 20, faults: { pauseConsumer: true }, kafka: { brokers, ordersTopic, consumeTopics: [ordersTopic], groupId: group } });
  startedAt = Date.now();
  const file = join(dir, 'server.ndjson');
  const samplers = startSamplers({ endpoints: [], kafka: { brokers, groups: [group, misspelt] }, intervalMs: 200, file, startedAtMs: startedAt });
  for (let i = 0; i < ORDERS; i++) {
    const res = await fetch(`${shop.url}/orders`, {
      method: 'POST',
      headers: { 'idempotency-key': randomUUID() },
      body: JSON.stringify({ items: [{ productId: 1 + (i % 5), quantity: 1 }], customerId: 'stalled-test' }),
    });
    expect(res.status).toBe(201);
  }
  // Samples on both sides of a 1 s window, so the rule has a whole window to judge.
  await sleep(2_000);
  await samplers.stop();
  samples = [];
  for await (const sample of readServerSamples(file)) samples.push(sample);
}, 60_000);
afterAll(async () => {
  await shop?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a consumer group stalled from the start (pauseConsumer), sampled against the real broker', () => {
  it('reads the records of this run it never committed as lag, never 0', () => {
    const lags = samples.flatMap(({ sample }) => (sample.kind === 'kafka-lag' && sample.group === group && sample.status !== 'unknown' ? [sample] : []));
    expect(lags.length).toBeGreaterThanOrEqual(3);
    expect(lags.at(-1)!.total).toBe(ORDERS);
    expect(lags.at(-1)!.partitions.every((p) => p.committed === undefined)).toBe(true);
  });

  it('records a misspelt group as a sampler error naming it, and the report says its lag is unknown', () => {
    const errors = samples.flatMap(({ sample }) => (sample.kind === 'sampler-error' ? [sample] : []));
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.every((error) => error.source === 'kafka' && error.group === misspelt)).toBe(true);
    expect(errors[0]!.error).toContain('is unknown to the broker');
    expect(samples.some(({ sample }) => sample.kind === 'kafka-lag' && sample.group === misspelt)).toBe(false);

    const fold = new ServerSamplesFold(startedAt, [{ label: 'steady', startMs: 0, endMs: 60_000 }]);
    for (const sample of samples) fold.add(sample);
    const server = fold.result(50);
    expect(server.kafkaLag).toEqual([expect.objectContaining({ group, maxLag: ORDERS, lastLag: ORDERS })]);
    expect(server.samplerErrors).toEqual([expect.objectContaining({ source: 'kafka', group: misspelt })]);

    const analysis: RunAnalysis = { ...loadRunAnalysis('run-analysis'), kafkaLag: server.kafkaLag, samplerErrors: server.samplerErrors };
    const context = { charts: [], exemplarLimit: 4 };
    const lagSection = renderMarkdown(SECTIONS['kafka-lag'].render(analysis, context));
    expect(lagSection).toContain(`| ${group} | ${ORDERS} | ${ORDERS} |`);
    expect(lagSection).toContain(`${misspelt}: lag unknown`);
    expect(renderMarkdown(SECTIONS['sampler-errors'].render(analysis, context))).toContain(`kafka, group ${misspelt}`);
  });

  it('makes rule kafka-lag trigger on the stalled group alone, and not pass while a group is unknown', () => {
    const rules = { 'kafka-lag': { threshold: ORDERS / 2, windowMs: 1_000 } };
    const stalledOnly = samples.filter(({ sample }) => sample.kind !== 'sampler-error');
    const [stalled] = evaluateRules({ samples: stalledOnly, errorRate: 0, timeScale: 1, rules }).filter((r) => r.rule === 'kafka-lag');
    expect(stalled).toMatchObject({ kind: 'triggered', observed: { peak: ORDERS, series: group } });

    const lenient = { 'kafka-lag': { threshold: ORDERS * 10, windowMs: 1_000 } };
    const [unknown] = evaluateRules({ samples, errorRate: 0, timeScale: 1, rules: lenient }).filter((r) => r.rule === 'kafka-lag');
    expect(unknown).toMatchObject({ kind: 'not-evaluated', reason: expect.stringContaining(`lag unknown for 1 consumer group(s) (${misspelt}:`) });
  });
});
