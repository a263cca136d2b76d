import type { TimedServerSample } from '../../../../../reports/analysis/read-server-samples.ts';
import type { Saturation } from '../../../../../reports/samplers/derive-saturation.ts';

/** Where the fixtures' runs start, epoch ms. */
export const T0 = Date.parse('2026-11-29T05:00:00.000Z');

const at = (seconds: number): { timeMs: number; time: string } => {
  const timeMs = T0 + seconds * 1000;
  return { timeMs, time: new Date(timeMs).toISOString() };
};

/** A saturation line `seconds` into the run. */
export function saturation(seconds: number, fields: Saturation, source = 'http://127.0.0.1:3000/metrics'): TimedServerSample {
  const { timeMs, time } = at(seconds);
  return { timeMs, sample: { kind: 'saturation', time, source, ...fields } };
}

/** A kafka-lag line `seconds` into the run. */
export function kafkaLag(seconds: number, total: number, group = 'order-events'): TimedServerSample {
  const { timeMs, time } = at(seconds);
  return { timeMs, sample: { kind: 'kafka-lag', time, source: 'kafka', group, partitions: [], total } };
}

/** A sampler-error line `seconds` into the run. */
export function samplerError(seconds: number, source: string): TimedServerSample {
  const { timeMs, time } = at(seconds);
  const error = `could not scrape ${source}: fetch failed (ECONNREFUSED)`;
  return { timeMs, sample: { kind: 'sampler-error', time, source, error, suppressed: 0 } };
}
