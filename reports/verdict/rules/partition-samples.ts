import type { TimedServerSample } from '../../analysis/read-server-samples.ts';
import type { KafkaLagSample, SamplerErrorSample, SaturationSample } from '../../samplers/server-sample.ts';

/** A sample of one kind with its time as epoch ms. */
export interface Timed<S> {
  readonly timeMs: number;
  readonly sample: S;
}

/** A run's server samples split by kind. */
export interface PartitionedSamples {
  readonly saturation: Timed<SaturationSample>[];
  readonly kafkaLag: Timed<KafkaLagSample>[];
  readonly samplerErrors: Timed<SamplerErrorSample>[];
}

/** Splits server samples by kind, keeping their order. */
export function partitionSamples(samples: readonly TimedServerSample[]): PartitionedSamples {
  const parts: PartitionedSamples = { saturation: [], kafkaLag: [], samplerErrors: [] };
  for (const { timeMs, sample } of samples) {
    switch (sample.kind) {
      case 'saturation':
        parts.saturation.push({ timeMs, sample });
        break;
      case 'kafka-lag':
        parts.kafkaLag.push({ timeMs, sample });
        break;
      case 'sampler-error':
        parts.samplerErrors.push({ timeMs, sample });
        break;
      default:
        sample satisfies never;
    }
  }
  return parts;
}

/**
 * Why a rule found none of the samples it needs: the sampler errors of the sources it reads when there
 * were some, else `otherwise`.
 */
export function missingDataReason(errors: readonly Timed<SamplerErrorSample>[], otherwise: string): string {
  if (errors.length === 0) return otherwise;
  const failures = errors.reduce((sum, { sample }) => sum + 1 + sample.suppressed, 0);
  return `sampler errors only: ${failures} failed read(s), the first: ${errors[0]!.sample.error}`;
}
