/** One scenario's latency summary in a build's history entry. */
export interface HistoryScenario {
  name: string;
  /** Milliseconds; null when the build counted no request for the scenario. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  count: number;
  /** Failed requests over all requests, 0..1. */
  errorRate: number;
}

/** The verdict a build got, kept so a trend can be read next to its outcomes. */
export interface HistoryVerdict {
  outcome: 'pass' | 'warn' | 'inconclusive' | 'block';
  summary?: string;
}

/**
 * One build's record in a history folder, one JSON file per build. Validated against
 * `schemas/history-entry.schema.json` on write and on read.
 */
export interface HistoryEntry {
  schemaVersion: 1;
  /** A CI run id, or a timestamp plus random part; letters, digits, `.`, `_` and `-`. */
  build: string;
  /** ISO 8601 UTC, e.g. `2026-11-29T05:14:24.000Z`. */
  createdAt: string;
  /** The git commit built, or null when there was none. */
  commit: string | null;
  phase: string;
  scenarios: HistoryScenario[];
  verdict?: HistoryVerdict;
}
