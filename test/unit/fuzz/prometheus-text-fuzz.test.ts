import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSaturation } from '../../../reports/samplers/derive-saturation.ts';
import { parsePrometheusText, type PrometheusSample } from '../../../reports/samplers/scrape-prometheus.ts';
import { expectValueOrClearError, FUZZ, mutatedText, trickyString } from './fuzz-support.ts';

/** A Node/prom-client scrape and a JVM/Micrometer one, with every name the saturation readers look for. */
const NODE_SCRAPE = [
  '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.',
  '# TYPE process_cpu_seconds_total counter',
  'process_cpu_seconds_total 1.25',
  '# TYPE nodejs_heap_size_used_bytes gauge',
  'nodejs_heap_size_used_bytes 4.2e7',
  '# TYPE nodejs_eventloop_lag_seconds gauge',
  'nodejs_eventloop_lag_seconds 0.002',
  '# TYPE nodejs_gc_duration_seconds histogram',
  'nodejs_gc_duration_seconds_bucket{le="0.001",kind="minor"} 3',
  'nodejs_gc_duration_seconds_bucket{le="+Inf",kind="minor"} 5',
  'nodejs_gc_duration_seconds_sum{kind="minor"} 0.004',
  'nodejs_gc_duration_seconds_count{kind="minor"} 5',
].join('\n');
const JVM_SCRAPE = [
  '# HELP process_cpu_usage ',
  '# TYPE process_cpu_usage gauge',
  'process_cpu_usage 0.125',
  'jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E7',
  '# TYPE jvm_gc_pause_seconds summary',
  'jvm_gc_pause_seconds_count{action="end of minor GC",gc="G1 Young Generation"} 7.0',
  'jvm_gc_pause_seconds_sum{action="end of minor GC",gc="G1 Young Generation"} 0.07',
  'jvm_gc_pause_seconds_max{action="end of minor GC",gc="G1 Young Generation"} 0.02',
  'executor_queued_tasks{name="applicationTaskExecutor"} 2.0',
  'jvm_threads_live_threads 31.0',
].join('\n');

/** A scrape body: any text, a mutation of a real scrape, or a real scrape with one line swapped for any line. */
const scrapeText = fc.oneof(
  fc.string({ maxLength: 120, unit: 'binary' }),
  fc.constantFrom(NODE_SCRAPE, JVM_SCRAPE).chain(mutatedText),
  fc
    .tuple(fc.constantFrom(NODE_SCRAPE, JVM_SCRAPE), fc.nat(), fc.oneof(trickyString, fc.constantFrom('x{a="1"} NaN', 'x -Inf', 'x{} 1 2', 'x{a="\\""} 1')))
    .map(([text, at, line]) => {
      const lines = text.split('\n');
      lines[at % lines.length] = line;
      return lines.join('\n');
    }),
);

/** Parses a scrape body, or gives no samples when it is refused (as the sampler records an error and goes on). */
function samplesOf(text: string): PrometheusSample[] {
  try {
    return parsePrometheusText(text);
  } catch {
    return [];
  }
}

describe('the Prometheus text parser and saturation derivation under random and mutated scrapes', () => {
  it('parses any scrape body into samples, or refuses it with one clear Error', () => {
    fc.assert(
      fc.property(scrapeText, (text) => {
        expectValueOrClearError(() => parsePrometheusText(text), Error, text);
      }),
      FUZZ,
    );
  });

  it('derives saturation from any two scrapes without throwing, never as NaN', () => {
    fc.assert(
      fc.property(scrapeText, scrapeText, fc.integer({ min: -5_000, max: 60_000 }), (before, after, elapsedMs) => {
        const saturation = deriveSaturation({
          previous: { url: 'http://127.0.0.1:1/metrics', timeMs: 1_000_000, samples: samplesOf(before) },
          current: { url: 'http://127.0.0.1:1/metrics', timeMs: 1_000_000 + elapsedMs, samples: samplesOf(after) },
        });
        const numbers = JSON.stringify(saturation, (_key, value: unknown) => (Number.isNaN(value) ? 'NaN' : value));
        expect(numbers).not.toContain('"NaN"');
      }),
      FUZZ,
    );
  });
});
