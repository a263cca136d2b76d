import { OptionsError, shown } from '../errors.ts';
import type { Tags } from '../metrics/metric-types.ts';

/** A key of `options.thresholds`: a metric, optionally narrowed to a sub-metric by a tag filter. */
export interface ThresholdKey {
  /** The key as written, e.g. `http_req_duration{scenario:product-get}`; the summary lists the sub-metric under it. */
  readonly key: string;
  readonly metric: string;
  /** Tags a sample must all carry to count towards the sub-metric; empty for the whole metric. */
  readonly filter: Tags;
}

/**
 * k6's metric name rule: 1 to 128 Unicode letters, digits or underscores, not starting with a digit
 * (k6 docs, "Metric name restrictions").
 */
const METRIC_NAME = /^[\p{L}_][\p{L}\p{N}_]{0,127}$/u;

const KEY_EXAMPLE = '"metric" or "metric{tag:value,...}" such as "http_req_duration{scenario:product-get}"';

/**
 * Parses a threshold key: `metric` or `metric{tag:value,tag2:value2}`.
 *
 * Following k6's documented forms, the filter runs from the first `{` to a `}` that ends the key, pairs are
 * split on commas and each pair on its first colon, so values may hold colons and braces
 * (`group_duration{group:::checkout}`, `http_req_duration{name:http://${}.com}`) and spaces
 * (`checks{check:status is 200}`). Commas cannot appear in values, as in k6. Whitespace around names and
 * values is dropped, and a value wrapped in matching quotes is unwrapped.
 */
export function parseThresholdKey(key: string): ThresholdKey {
  const open = key.indexOf('{');
  const metric = (open === -1 ? key : key.slice(0, open)).trim();
  if (metric === '') {
    throw new OptionsError(`invalid threshold key ${shown(key)}; expected ${KEY_EXAMPLE}, got no metric name`);
  }
  if (!METRIC_NAME.test(metric)) {
    throw new OptionsError(
      `invalid threshold key ${shown(key)}; expected a metric name of 1 to 128 letters, digits or underscores ` +
        `that does not start with a digit, got ${shown(metric)}`,
    );
  }
  if (open === -1) return { key, metric, filter: {} };

  const rest = key.slice(open).trimEnd();
  if (!rest.endsWith('}') || rest.length < 2) {
    throw new OptionsError(`invalid threshold key ${shown(key)}; expected ${KEY_EXAMPLE}, got no closing "}"`);
  }
  return { key, metric, filter: parseFilter(key, rest.slice(1, -1)) };
}

function parseFilter(key: string, body: string): Tags {
  if (body.trim() === '') {
    throw new OptionsError(`invalid threshold key ${shown(key)}; expected ${KEY_EXAMPLE}, got an empty tag filter`);
  }
  const filter: Tags = {};
  for (const pair of body.split(',')) {
    const colon = pair.indexOf(':');
    const name = colon === -1 ? '' : pair.slice(0, colon).trim();
    const value = colon === -1 ? '' : unquote(pair.slice(colon + 1).trim());
    if (name === '' || value === '') {
      throw new OptionsError(
        `invalid threshold key ${shown(key)}; expected tag filters as "tag:value" separated by commas, ` +
          `got ${shown(pair.trim())}`,
      );
    }
    if (Object.hasOwn(filter, name)) {
      throw new OptionsError(
        `invalid threshold key ${shown(key)}; expected each tag once in a filter, got ${shown(name)} twice`,
      );
    }
    // Defined rather than assigned: assigning a tag named `__proto__` would set the prototype and drop the filter.
    Object.defineProperty(filter, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return filter;
}

function unquote(value: string): string {
  const first = value[0];
  if (value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first)) return value.slice(1, -1);
  return value;
}
