import type { RunAnalysis } from '../analysis/run-analysis.ts';

/** The source name the Kafka lag sampler reports its errors under (server.ndjson). */
const KAFKA_SAMPLER_SOURCE = 'kafka';

/**
 * Why a run has no saturation samples, as the end of a sentence such as "no saturation sampled: …". A
 * saturation sample needs two consecutive scrapes of a metrics endpoint.
 */
export function whyNoSaturation(analysis: RunAnalysis): string {
  if (analysis.run.source === 'k6') return 'stock k6 output carries no samples of the target';
  const failed = analysis.samplerErrors.some((error) => error.source !== KAFKA_SAMPLER_SOURCE);
  if (failed) return 'scraping the metrics endpoints failed (see Sampler errors)';
  return 'no metrics endpoint configured (config metricsEndpoints), or the run ended before a second scrape (config reports.sampleIntervalS)';
}

/** Why a run has no Kafka lag samples, as the end of a sentence such as "no Kafka lag sampled: …". */
export function whyNoKafkaLag(analysis: RunAnalysis): string {
  if (analysis.run.source === 'k6') return 'stock k6 output carries no consumer lag';
  const failed = analysis.samplerErrors.some((error) => error.source === KAFKA_SAMPLER_SOURCE);
  if (failed) return 'reading the consumer lag failed (see Sampler errors)';
  return 'no consumer groups configured (config kafka.consumerGroups), or no scenario of the run used Kafka';
}
