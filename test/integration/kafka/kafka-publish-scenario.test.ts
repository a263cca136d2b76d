import { randomBytes } from 'node:crypto';
import { Admin } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { EXIT, runTest, type RunResult, type SummaryData } from '../../../engine/index.ts';
import { freePort } from '../../../broker/free-port.ts';
import { testKafkaBrokers } from '../../support/kafka-global-setup.ts';

const SCRIPT = new URL('../../../scenarios/kafka-publish.ts', import.meta.url).pathname;

/** Runs the scenario as `npm run smoke` would, time-scaled to 6 s, against `brokers`. */
function runSmoke(brokers: string[], topic: string, budgetP95Ms: number): Promise<RunResult> {
  const config = { kafka: { brokers }, scenarios: { 'kafka-publish': { topic, budgetP95Ms, payloadBytes: 256 } } };
  return runTest({
    script: SCRIPT,
    env: { LOADBOOK_PHASE: 'smoke', LOADBOOK_TIME_SCALE: '0.02', LOADBOOK_CONFIG: JSON.stringify(config) },
    includeSystemEnv: false,
    workers: 1,
    quiet: true,
    stdout: () => {},
  });
}

function values(summary: SummaryData, metric: string): Record<string, number> {
  return (summary.metrics[metric]?.values ?? {}) as Record<string, number>;
}

/** Messages in a topic: the sum of its partitions' latest offsets (the topic is new to the test). */
async function messagesIn(brokers: string[], topic: string): Promise<number> {
  const admin = new Admin({ clientId: 'loadbook-test', bootstrapBrokers: brokers });
  try {
    const [listed] = await admin.listOffsets({ topics: [{ name: topic, partitions: [0, 1, 2].map((partitionIndex) => ({ partitionIndex, timestamp: -1n })) }] });
    return listed!.partitions.reduce((sum, partition) => sum + Number(partition.offset), 0);
  } finally {
    await admin.close();
  }
}

describe('the kafka-publish scenario, time-scaled smoke against the test run broker', () => {
  it('publishes keyed JSON events within budget, every produce acknowledged and checked, nothing lost', async () => {
    const brokers = testKafkaBrokers();
    const topic = `loadbook.test.publish.${randomBytes(4).toString('hex')}`;
    // A roomy budget: this checks the scenario's wiring, not this machine's latency under other tests' load.
    const result = await runSmoke(brokers, topic, 1000);
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(EXIT.ok);
    const summary = result.summary!;
    const budget = summary.metrics['kafka_publish_latency{scenario:kafka-publish}']!;
    const published = (budget.values as Record<string, number>).count!;
    // Smoke runs 10 iterations/s for 6 s when time-scaled by 0.02.
    expect(published).toBeGreaterThan(30);
    expect(budget.contains).toBe('time');
    // Timed in microseconds, not whole milliseconds: a whole-ms min and max together would be a one-in-a-million chance.
    const { min, max } = budget.values as Record<string, number>;
    expect(Number.isInteger(min) && Number.isInteger(max), `min ${min}, max ${max}`).toBe(false);
    expect(budget.thresholds).toEqual({ 'p(95)<1000': { ok: true } });
    expect(summary.metrics['checks{scenario:kafka-publish}']!.thresholds).toEqual({ 'rate>0.99': { ok: true } });
    expect(values(summary, 'checks{scenario:kafka-publish}').rate).toBe(1);
    expect(values(summary, 'kafka_writer_message_count').count).toBe(published);
    expect(await messagesIn(brokers, topic)).toBe(published);
  });

  it('fails its checks threshold with exit code 99 when no broker answers, adding no latency samples', async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    const result = await runSmoke([closed], 'loadbook.test.nowhere', 1000);
    expect(result.exitCode).toBe(EXIT.thresholdsFailed);
    const summary = result.summary!;
    expect(values(summary, 'checks{scenario:kafka-publish}').rate).toBe(0);
    expect(summary.metrics['checks{scenario:kafka-publish}']!.thresholds).toEqual({ 'rate>0.99': { ok: false } });
    expect(values(summary, 'kafka_publish_latency{scenario:kafka-publish}').count ?? 0).toBe(0);
    expect(values(summary, 'kafka_writer_error_count').count).toBeGreaterThan(0);
  });
});
