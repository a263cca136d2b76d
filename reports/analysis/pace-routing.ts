import type { TimelineRecord } from '../../engine/output/timeline-writer.ts';
import { isScenarioName, SCENARIOS } from '../../lib/scenarios.ts';

/** The k6 scenario that carries a loadbook scenario's rate (lib/scenarios.ts): its own, unless another paces it. */
export function paceScenarioOf(name: string): string {
  return (isScenarioName(name) ? SCENARIOS[name].paceScenario : undefined) ?? name;
}

/** The metrics that measure a scenario's pace: achieved rate against the plan, and load the generator shed. */
const PACE_METRICS: ReadonlySet<string> = new Set(['iterations', 'dropped_iterations']);

/**
 * Attributes pace to the scenario it belongs to when a loadbook scenario runs as several k6 scenarios.
 * ws-broadcast, say, is judged on its subscribers' latency (k6 scenario `ws-broadcast`, whose iterations
 * are long sessions), while its rate is the publishers' (`ws-broadcast-publishers`). Routed through here,
 * the publishers' iterations and dropped iterations count as ws-broadcast's, and the subscribers' sessions
 * do not.
 */
export class PaceRouting {
  private readonly paced: ReadonlySet<string>;

  /** `paceScenarios` maps a k6 scenario that carries the rate to the loadbook scenario it paces. */
  constructor(private readonly paceScenarios: ReadonlyMap<string, string>) {
    this.paced = new Set(paceScenarios.values());
  }

  /** The record as analysis should see it, or undefined to leave it out. Other records pass as they are. */
  route(record: TimelineRecord): TimelineRecord | undefined {
    if (!PACE_METRICS.has(record.metric)) return record;
    const scenario = record.tags.scenario;
    if (scenario === undefined) return record;
    const paces = this.paceScenarios.get(scenario);
    if (paces !== undefined) return { ...record, tags: { ...record.tags, scenario: paces } };
    return this.paced.has(scenario) ? undefined : record;
  }
}
