// Types for parse-prometheus-text-format 1.1.1, which ships none; only what the samplers use.
declare module 'parse-prometheus-text-format' {
  /** One series of a family; histogram and summary families carry buckets/quantiles instead of value. */
  export interface ParsedMetric {
    value?: string;
    labels?: Record<string, string>;
    timestamp_ms?: string;
    buckets?: Record<string, string>;
    quantiles?: Record<string, string>;
    count?: string;
    sum?: string;
  }
  /** A metric family as the library returns it; type is upper case (COUNTER, GAUGE, HISTOGRAM, ...). */
  export interface ParsedFamily {
    name: string;
    help: string;
    type: string;
    metrics: ParsedMetric[];
  }
  /** Parses Prometheus text exposition format; throws on an invalid line. */
  export default function parsePrometheusTextFormat(text: string): ParsedFamily[];
}
