/**
 * One traced request kept as an exemplar: with tracing on, the engine sends a W3C `traceparent` on every
 * HTTP and gRPC request and keeps the slowest per scenario, so a reviewer can look the trace up.
 */
export interface Exemplar {
  /** 32 lowercase hex digits, the trace id of the `traceparent` sent. */
  traceId: string;
  /** 16 lowercase hex digits, the parent id of the `traceparent` sent. */
  spanId: string;
  /** The duration metric the request recorded: `http_req_duration` or `grpc_req_duration`. */
  metric: string;
  /** The request's duration in ms, as recorded in that metric. */
  durationMs: number;
  /** When the request started, ISO 8601. */
  time: string;
  scenario: string;
  /** The request's `name` tag (URL or name for HTTP, `package.Service/Method` for gRPC). */
  name: string;
  /** HTTP status or gRPC status code, as a string. */
  status: string;
  /**
   * Attributes read from the response; `cache.hit` is `'true'` or `'false'` when the response carried an
   * `X-Cache: HIT|MISS` header.
   */
  attributes: Record<string, string>;
}

/** The content of `exemplars.json` in a run folder. */
export interface ExemplarsFile {
  version: 1;
  /** How many exemplars were kept per scenario at most. */
  perScenario: number;
  /** Slowest first. */
  exemplars: Exemplar[];
}
