import { describe, expect, it } from 'vitest';
import { deriveSaturation, type Saturation } from '../../../../reports/samplers/derive-saturation.ts';
import { parsePrometheusText, type PrometheusScrape } from '../../../../reports/samplers/scrape-prometheus.ts';

function scrape(timeMs: number, text: string): PrometheusScrape {
  return { url: 'http://target/metrics', timeMs, samples: parsePrometheusText(text) };
}

const NODE_BEFORE = `# TYPE process_cpu_seconds_total counter
process_cpu_seconds_total 10
# TYPE nodejs_heap_size_used_bytes gauge
nodejs_heap_size_used_bytes 1000
# TYPE nodejs_eventloop_lag_seconds gauge
nodejs_eventloop_lag_seconds 0.001
# TYPE nodejs_gc_duration_seconds histogram
nodejs_gc_duration_seconds_sum{kind="minor"} 0.5
nodejs_gc_duration_seconds_count{kind="minor"} 100
nodejs_gc_duration_seconds_sum{kind="major"} 1
nodejs_gc_duration_seconds_count{kind="major"} 2
`;
const NODE_AFTER = NODE_BEFORE.replace('process_cpu_seconds_total 10', 'process_cpu_seconds_total 13')
  .replace('nodejs_heap_size_used_bytes 1000', 'nodejs_heap_size_used_bytes 2000')
  .replace('lag_seconds 0.001', 'lag_seconds 0.25')
  .replace('_sum{kind="minor"} 0.5', '_sum{kind="minor"} 0.75')
  .replace('_count{kind="minor"} 100', '_count{kind="minor"} 110')
  .replace('_count{kind="major"} 2', '_count{kind="major"} 3')
  .replace('_sum{kind="major"} 1', '_sum{kind="major"} 1.5');

const JVM_BEFORE = `# TYPE jvm_memory_used_bytes gauge
jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 300
jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 700
jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5000
# TYPE jvm_gc_pause_seconds summary
jvm_gc_pause_seconds_count{gc="G1 Young Generation"} 4
jvm_gc_pause_seconds_sum{gc="G1 Young Generation"} 0.04
# TYPE jvm_gc_pause_seconds_max gauge
jvm_gc_pause_seconds_max{gc="G1 Young Generation"} 0.01
# TYPE jvm_threads_live_threads gauge
jvm_threads_live_threads 20
# TYPE executor_queued_tasks gauge
executor_queued_tasks{name="a"} 2
executor_queued_tasks{name="b"} 3
# TYPE process_cpu_usage gauge
process_cpu_usage 0.1
`;
const JVM_AFTER = JVM_BEFORE.replace('Eden Space"} 300', 'Eden Space"} 800')
  .replace('_count{gc="G1 Young Generation"} 4', '_count{gc="G1 Young Generation"} 9')
  .replace('_sum{gc="G1 Young Generation"} 0.04', '_sum{gc="G1 Young Generation"} 0.09')
  .replace('_max{gc="G1 Young Generation"} 0.01', '_max{gc="G1 Young Generation"} 0.02')
  .replace('threads 20', 'threads 25')
  .replace('process_cpu_usage 0.1', 'process_cpu_usage 0.75');

describe('deriveSaturation', () => {
  it.each<[string, string, string, Saturation]>([
    [
      'Node/prom-client names',
      NODE_BEFORE,
      NODE_AFTER,
      // 3 CPU seconds over 2 s; GC deltas summed over both kinds.
      { cpuPercent: 150, heapUsedBytes: 2000, gcPauses: { count: 11, seconds: 0.75 }, eventLoopLagSeconds: 0.25 },
    ],
    [
      'JVM/Micrometer names',
      JVM_BEFORE,
      JVM_AFTER,
      {
        cpuPercent: 75,
        heapUsedBytes: 1500,
        gcPauses: { count: 5, seconds: 0.05, maxSeconds: 0.02 },
        queuedTasks: 5,
        threads: 25,
      },
    ],
    ['a target exposing none of the names', 'up 1\n', 'up 1\n', {}],
  ])('derives saturation from %s', (_, before, after, expected) => {
    const saturation = deriveSaturation({ previous: scrape(0, before), current: scrape(2_000, after) });
    expect(Object.keys(saturation).sort()).toEqual(Object.keys(expected).sort());
    for (const [field, value] of Object.entries(expected)) {
      if (typeof value === 'number') expect(saturation[field as keyof Saturation]).toBeCloseTo(value, 9);
      else {
        for (const [key, part] of Object.entries(value as object)) {
          expect((saturation.gcPauses as unknown as Record<string, number>)[key]).toBeCloseTo(part as number, 9);
        }
      }
    }
  });

  it('treats a counter that went down as a restart, counting only what the new process accumulated', () => {
    const restarted = NODE_BEFORE.replace('process_cpu_seconds_total 10', 'process_cpu_seconds_total 0.5');
    const saturation = deriveSaturation({ previous: scrape(0, NODE_BEFORE), current: scrape(1_000, restarted) });
    expect(saturation.cpuPercent).toBeCloseTo(50, 9);
  });
});
