/**
 * Event publish (Kafka)
 *
 * Question: does publishing an event to Kafka hold p95 < 50 ms from produce() to the broker's
 *           acknowledgement at the baseline rate?
 * Run:      npm run smoke -- --scenario kafka-publish
 *           (any phase: npm run steady -- --scenario kafka-publish; on its own: loadbook run scenarios/kafka-publish.ts)
 *
 * Each iteration produces one keyed JSON event of about `payloadBytes` (config) to `topic` on
 * `kafka.brokers` through k6/x/kafka, with `requiredAcks: -1`: the produce resolves once every in-sync
 * replica has the event, which is the acknowledgement a publisher relies on. Keys are drawn from a fixed
 * set of customer ids, so events spread over the partitions the way keyed traffic does. Each VU keeps one
 * producer connection, opened by its first produce(). Load shape, VU counts and durations come from the
 * phase (LOADBOOK_PHASE), never from this file.
 *
 * Thresholds, with their reasons in lib/scenarios.ts (so plan.json records the same ones):
 * - `kafka_publish_latency{scenario:kafka-publish}`: `p(95)<budgetP95Ms`, the budget of docs/runbook.md §10 (50 ms);
 * - `checks{scenario:kafka-publish}`: `rate>0.99`, since failed produces add no latency sample.
 *
 * Metrics beyond k6's built-ins: `kafka_publish_latency` (time Trend around each acknowledged produce, in
 * microseconds on loadbook's engine, whole milliseconds under k6) and k6/x/kafka's `kafka_writer_*` (message count and bytes, errors, write time).
 */
import { check } from 'k6';
import exec from 'k6/execution';
import { Trend } from 'k6/metrics';
import type { Options } from 'k6/options';
import { Writer } from 'k6/x/kafka';
import { buildPhaseOptions, scenarioProfile } from '../lib/phase-options.ts';
import { readConfigFromEnv } from '../lib/read-config-from-env.ts';
import { tagStage } from '../lib/stage-tag.ts';

const clock = (globalThis as { performance?: { now(): number } }).performance;

/** Monotonic milliseconds with a fraction (`performance.now()`); `Date.now()` under k6, which has no `performance`. */
function preciseNowMs(): number {
  return clock ? clock.now() : Date.now();
}

const SCENARIO = 'kafka-publish';
/** Distinct event keys: enough to spread over any partition count, few enough to repeat like real customers. */
const KEY_SPACE = 10_000;

const settings = readConfigFromEnv(__ENV);
const config = settings.config.scenarios[SCENARIO];
const { stages } = scenarioProfile(settings, SCENARIO);

export const options: Options = buildPhaseOptions(settings, [SCENARIO]);

const writer = new Writer({
  brokers: settings.config.kafka.brokers,
  topic: config.topic,
  // The embedded broker and most test clusters create topics on first use; a cluster that does not
  // answers with an error, which the check below counts.
  autoCreateTopic: true,
  requiredAcks: -1,
});
const publishLatency = new Trend('kafka_publish_latency', true);

// The event without its padding is about 150 bytes; padding brings it to payloadBytes. Built once.
const ENVELOPE_BYTES = 150;
const padding = 'x'.repeat(Math.max(0, config.payloadBytes - ENVELOPE_BYTES));

/** One event publish: a keyed JSON event produced and acknowledged, its latency recorded. */
export async function kafkaPublish(): Promise<void> {
  tagStage(stages);
  const customerId = `customer-${1 + Math.floor(Math.random() * KEY_SPACE)}`;
  const event = {
    type: 'ProductViewed',
    eventId: `${exec.vu.idInTest}-${exec.vu.iterationInInstance}`,
    customerId,
    productId: 1 + Math.floor(Math.random() * 10_000),
    at: new Date().toISOString(),
    padding,
  };
  const started = preciseNowMs();
  try {
    await writer.produce({ messages: [{ key: customerId, value: JSON.stringify(event), headers: { 'event-type': event.type } }] });
  } catch (error) {
    // Counted as a failed check, then rethrown so the engine log says why (the iteration fails, as in k6).
    check(false, { 'event acknowledged by the broker': (ok) => ok });
    throw error;
  }
  publishLatency.add(preciseNowMs() - started);
  check(true, { 'event acknowledged by the broker': (ok) => ok });
}

/** For `k6 run` shortcuts that ignore `exec`. */
export default async function (): Promise<void> {
  await kafkaPublish();
}
