/**
 * Each scenario's budget metric, from a plan's `options.thresholds`: keys shaped `<metric>{scenario:<name>}`
 * with a percentile expression (`p(95)<120`), e.g. `http_req_duration{scenario:product-get}`. Keys without
 * a percentile (such as `checks{scenario:…}`) are not latency budgets and are skipped.
 *
 * @returns scenario name → metric name.
 */
export function budgetMetrics(thresholds: Record<string, readonly unknown[]> | undefined): Map<string, string> {
  const metrics = new Map<string, string>();
  for (const [key, expressions] of Object.entries(thresholds ?? {})) {
    const match = /^([A-Za-z0-9_]+)\{scenario:([^}]+)\}$/.exec(key);
    if (!match) continue;
    const isPercentile = expressions.some((expression) => {
      const text = typeof expression === 'string' ? expression : (expression as { threshold?: string }).threshold;
      return typeof text === 'string' && /\bp\(\d/.test(text);
    });
    if (isPercentile && !metrics.has(match[2]!)) metrics.set(match[2]!, match[1]!);
  }
  return metrics;
}
