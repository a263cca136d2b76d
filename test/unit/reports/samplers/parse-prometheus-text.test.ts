import { describe, expect, it } from 'vitest';
import { parsePrometheusText, type PrometheusSample } from '../../../../reports/samplers/scrape-prometheus.ts';

describe('parsePrometheusText', () => {
  it.each<[string, string, PrometheusSample[]]>([
    [
      'a counter with its labels',
      '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 1.25\n',
      [{ name: 'process_cpu_seconds_total', labels: {}, value: 1.25 }],
    ],
    [
      "every labelled series of a histogram, with its _count and _sum (the library alone would fold them)",
      [
        '# TYPE nodejs_gc_duration_seconds histogram',
        'nodejs_gc_duration_seconds_bucket{le="0.001",kind="minor"} 3',
        'nodejs_gc_duration_seconds_bucket{le="+Inf",kind="minor"} 5',
        'nodejs_gc_duration_seconds_sum{kind="minor"} 0.004',
        'nodejs_gc_duration_seconds_count{kind="minor"} 5',
        'nodejs_gc_duration_seconds_sum{kind="major"} 0.02',
        'nodejs_gc_duration_seconds_count{kind="major"} 1',
      ].join('\n'),
      [
        { name: 'nodejs_gc_duration_seconds_bucket', labels: { le: '0.001', kind: 'minor' }, value: 3 },
        { name: 'nodejs_gc_duration_seconds_bucket', labels: { le: '+Inf', kind: 'minor' }, value: 5 },
        { name: 'nodejs_gc_duration_seconds_sum', labels: { kind: 'minor' }, value: 0.004 },
        { name: 'nodejs_gc_duration_seconds_count', labels: { kind: 'minor' }, value: 5 },
        { name: 'nodejs_gc_duration_seconds_sum', labels: { kind: 'major' }, value: 0.02 },
        { name: 'nodejs_gc_duration_seconds_count', labels: { kind: 'major' }, value: 1 },
      ],
    ],
    [
      'a labelled summary, as Micrometer writes timers',
      '# TYPE jvm_gc_pause_seconds summary\njvm_gc_pause_seconds_count{gc="G1 Young Generation"} 7.0\njvm_gc_pause_seconds_sum{gc="G1 Young Generation"} 0.07\n',
      [
        { name: 'jvm_gc_pause_seconds_count', labels: { gc: 'G1 Young Generation' }, value: 7 },
        { name: 'jvm_gc_pause_seconds_sum', labels: { gc: 'G1 Young Generation' }, value: 0.07 },
      ],
    ],
    [
      "Micrometer's empty HELP text and exponent notation",
      '# HELP jvm_threads_live_threads  \n# TYPE jvm_threads_live_threads gauge\njvm_threads_live_threads{application="shop"} 3.3E1\n',
      [{ name: 'jvm_threads_live_threads', labels: { application: 'shop' }, value: 33 }],
    ],
    [
      'the last line of a body without a final newline',
      'up 1\nscrape_ok 2',
      [
        { name: 'up', labels: {}, value: 1 },
        { name: 'scrape_ok', labels: {}, value: 2 },
      ],
    ],
    ['a sample with a timestamp', 'up 1 1700000000000\n', [{ name: 'up', labels: {}, value: 1 }]],
  ])('reads %s', (_, text, expected) => {
    expect(parsePrometheusText(text)).toEqual(expected);
  });

  it('throws naming the line when the text is not Prometheus format', () => {
    expect(() => parsePrometheusText('# TYPE broken counter extra\n')).toThrow(/invalid line/i);
  });
});
