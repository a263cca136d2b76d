import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXIT, runTest, type SummaryData } from '../../../engine/index.ts';
import { testKafkaBrokers } from '../../support/kafka-global-setup.ts';

const fixture = (name: string) => new URL(`../../fixtures/scripts/${name}`, import.meta.url).pathname;
const quiet = { workers: 1, quiet: true, stdout: () => {} } as const;
const uniqueTopic = (label: string) => `loadbook.test.${label}.${randomBytes(4).toString('hex')}`;

function values(summary: SummaryData, metric: string): Record<string, number> {
  return (summary.metrics[metric]?.values ?? {}) as Record<string, number>;
}

describe('k6/x/kafka on the engine, against the test run broker', () => {
  it('produces from two VUs and reads every message back with a partition reader and a group reader, counting xk6-kafka metrics', async () => {
    const topic = uniqueTopic('round-trip');
    const result = await runTest({ script: fixture('kafka-round-trip.ts'), env: { KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_TOPIC: topic }, ...quiet });
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(EXIT.ok);
    const summary = result.summary!;
    expect(values(summary, 'checks')).toMatchObject({ rate: 1, passes: 9, fails: 0 });
    // 2 VUs × 3 iterations × 5 messages, in batches of 2: 3 requests per produce().
    expect(values(summary, 'kafka_writer_message_count').count).toBe(30);
    expect(values(summary, 'kafka_writer_write_count').count).toBe(18);
    expect(values(summary, 'kafka_writer_write_seconds').count).toBe(6);
    expect(summary.metrics.kafka_writer_write_seconds!.contains).toBe('time');
    expect(values(summary, 'kafka_writer_message_bytes').count).toBeGreaterThan(30 * 20);
    expect(summary.metrics.kafka_writer_message_bytes!.contains).toBe('data');
    expect(values(summary, 'kafka_writer_error_count').count ?? 0).toBe(0);
    // Both readers read all 30; the group's last, empty consume counts a timeout but no error.
    expect(values(summary, 'kafka_reader_message_count').count).toBe(60);
    expect(values(summary, 'kafka_reader_timeouts_count').count).toBe(1);
    expect(values(summary, 'kafka_reader_error_count').count ?? 0).toBe(0);
    expect(values(summary, 'kafka_reader_lag').value).toBe(0);
    expect(values(summary, 'kafka_reader_offset').max).toBe(29);
    expect(summary.metrics[`kafka_writer_message_count{topic:${topic}}`]!.thresholds).toEqual({ 'count==30': { ok: true } });
  });

  it('counts a failed produce in kafka_writer_error_count and fails the iteration, not the run', async () => {
    const result = await runTest({
      script: fixture('kafka-produce-error.ts'),
      env: { KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_TOPIC: uniqueTopic('missing') },
      ...quiet,
    });
    // The script's threshold kafka_writer_error_count count==0 fails: exit 99, as with xk6-kafka.
    expect(result.exitCode).toBe(EXIT.thresholdsFailed);
    const summary = result.summary!;
    expect(values(summary, 'kafka_writer_error_count').count).toBe(2);
    expect(values(summary, 'kafka_writer_message_count').count ?? 0).toBe(0);
    expect(values(summary, 'iterations').count).toBe(2);
  });

  it('refuses produce() in init code with a message that says where it can run', async () => {
    const result = await runTest({ script: fixture('kafka-init-produce.ts'), env: { KAFKA_BROKERS: testKafkaBrokers().join(',') }, ...quiet });
    expect(result.exitCode).toBe(EXIT.scriptException);
    expect(result.error).toContain('writer.produce() cannot run in the init context');
  });
});
