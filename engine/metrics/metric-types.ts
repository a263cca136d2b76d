/** k6's four metric types. */
export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';

/** What a metric's values are: plain numbers, milliseconds or bytes. */
export type MetricContains = 'default' | 'time' | 'data';

export type Tags = Record<string, string>;

export interface MetricDefinition {
  readonly name: string;
  readonly type: MetricType;
  readonly contains: MetricContains;
}
