import { join } from 'node:path';
import type { SamplersOptions } from '../reports/samplers/index.ts';
import type { Plan } from './build-plan.ts';
import { usesKafka } from './uses-kafka.ts';

/** The file in a run folder that samplers write. */
export const SERVER_SAMPLES_FILE = 'server.ndjson';

/** Shortest sampling interval, however small the time scale: scraping is not free for the target. */
export const MIN_SAMPLE_INTERVAL_MS = 500;

/**
 * What to sample during a phase: the config's metrics endpoints and, when the plan's scenarios use Kafka,
 * the lag of its consumer groups, every `reports.sampleIntervalS` times the time scale (so a time-scaled run
 * gets as many samples per stage as a full one, down to MIN_SAMPLE_INTERVAL_MS). Samples go to
 * `server.ndjson` in the run folder, credentials masked as in every other file of the run.
 */
export function samplerOptions(plan: Pick<Plan, 'config' | 'scenarios' | 'timeScale'>, runDir: string): SamplersOptions {
  const { config } = plan;
  const groups = usesKafka(plan) ? config.kafka.consumerGroups : [];
  return {
    endpoints: config.metricsEndpoints,
    kafka: groups.length > 0 ? { brokers: config.kafka.brokers, groups } : undefined,
    intervalMs: Math.max(MIN_SAMPLE_INTERVAL_MS, config.reports.sampleIntervalS * 1000 * plan.timeScale),
    file: join(runDir, SERVER_SAMPLES_FILE),
    allowHosts: config.allowHosts,
    redact: config.redact,
  };
}
