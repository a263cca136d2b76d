import type { GroupLag, UnknownGroupLag } from './kafka-lag-sampler.ts';
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

/**
 * One consumer group's lag, or why it cannot be known. Lines written before `status` existed have none
 * and are measured.
 */
export type KafkaLagSample = SampleBase & { readonly kind: 'kafka-lag' } & (GroupLag | UnknownGroupLag);

/** A sampler that failed; the run went on. */
export interface SamplerErrorSample extends SampleBase {
  readonly kind: 'sampler-error';
  /** What went wrong, e.g. `could not scrape http://…/metrics: fetch failed (ECONNREFUSED)`. */
  readonly error: string;
  /** Failures of this source since the last recorded one that were not recorded (rate limiting). */
  readonly suppressed: number;
  /** The consumer group the error is about, for a group the broker does not know. */
  readonly group?: string;
  /** When the failures this line belongs to began: the first failed read after a success, ISO 8601. */
  readonly failingSince?: string;
  /** The last successful read before `failingSince`; absent when the source never answered in this run. */
  readonly lastSuccessAt?: string;
}

/** One line of `server.ndjson`. */
export type ServerSample = SaturationSample | KafkaLagSample | SamplerErrorSample;
