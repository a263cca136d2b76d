import type { GroupLag } from './kafka-lag-sampler.ts';
import type { Saturation } from './derive-saturation.ts';

/** Fields every line of `server.ndjson` has. */
interface SampleBase {
  /** When the sample was taken, ISO 8601. */
  readonly time: string;
  /** The Prometheus endpoint URL, or `kafka` for the lag sampler. */
  readonly source: string;
}

/** Target saturation derived from two consecutive scrapes of `source`. */
export interface SaturationSample extends SampleBase, Saturation {
  readonly kind: 'saturation';
}

/** One consumer group's lag. */
export interface KafkaLagSample extends SampleBase, GroupLag {
  readonly kind: 'kafka-lag';
}

/** A sampler that failed; the run went on. */
export interface SamplerErrorSample extends SampleBase {
  readonly kind: 'sampler-error';
  /** What went wrong, e.g. `could not scrape http://…/metrics: fetch failed (ECONNREFUSED)`. */
  readonly error: string;
  /** Failures of this source since the last recorded one that were not recorded (rate limiting). */
  readonly suppressed: number;
}

/** One line of `server.ndjson`. */
export type ServerSample = SaturationSample | KafkaLagSample | SamplerErrorSample;
