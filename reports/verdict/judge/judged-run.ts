import type { TimedServerSample } from '../../analysis/read-server-samples.ts';
import type { BaselineDocument, BaselineScenario } from '../../baseline/index.ts';

/**
 * One run as the verdict judges it: its analysis in the baseline's shape (buildBaseline), so a candidate
 * and the baseline it is compared with are read by the same code, plus what only a live run folder has.
 */
export interface JudgedRun {
  /** The run folder. */
  readonly dir: string;
  readonly doc: BaselineDocument;
  /** server.ndjson, for the escalation rules. */
  readonly samples: readonly TimedServerSample[];
  /**
   * The most VUs each scenario's executor could run at once (plan.json's `maxVUs` of the k6 scenario
   * carrying its pace), by scenario; left out when the plan does not say.
   */
  readonly vuPools?: Readonly<Record<string, number>>;
}

/** A scenario of a run or a baseline by name; undefined when it did not run there. */
export function scenarioOf(doc: BaselineDocument, name: string): BaselineScenario | undefined {
  return doc.scenarios.find((scenario) => scenario.name === name);
}

/** Scenario names across the runs, in first-seen order. */
export function scenarioNames(runs: readonly JudgedRun[]): string[] {
  return [...new Set(runs.flatMap((run) => run.doc.scenarios.map((scenario) => scenario.name)))];
}
