import { EXECUTORS } from '../executors/index.ts';
import type { ScenarioConfig } from '../executors/executor-types.ts';
import { formatDuration } from '../options/parse-duration.ts';

/** What one finished second of the test looked like, across every worker. */
export interface SecondTotals {
  iterations: number;
  requests: number;
  failedRequests: number;
  dropped: number;
  vusActive: number;
  vusMax: number;
}

/** The iterations per second open-model scenarios aim for at `elapsedMs`; undefined when none is open-model. */
export function targetRateAt(scenarios: ScenarioConfig[], elapsedMs: number): number | undefined {
  let total: number | undefined;
  for (const scenario of scenarios) {
    const t = elapsedMs - scenario.startTimeMs;
    if (scenario.kind === 'constant-arrival-rate') {
      total = (total ?? 0) + (t >= 0 && t < scenario.durationMs ? (scenario.rate * 1000) / scenario.timeUnitMs : 0);
    } else if (scenario.kind === 'ramping-arrival-rate') {
      let from = scenario.startRate;
      let stageStart = 0;
      let rate = 0;
      for (const stage of scenario.stages) {
        if (t >= stageStart && t < stageStart + stage.durationMs) {
          rate = from + ((stage.target - from) * (t - stageStart)) / stage.durationMs;
          break;
        }
        from = stage.target;
        stageStart += stage.durationMs;
      }
      total = (total ?? 0) + (rate * 1000) / scenario.timeUnitMs;
    }
  }
  return total;
}

/** The planned length of the test: the latest scenario end, not counting gracefulStop. */
export function plannedDurationMs(scenarios: ScenarioConfig[]): number {
  return Math.max(
    0,
    ...scenarios.map((scenario) => scenario.startTimeMs + (EXECUTORS[scenario.kind].durationMs as (config: ScenarioConfig) => number)(scenario)),
  );
}

const EVERY_SECONDS = 5;

/** Prints a progress line every few seconds on runs long enough to need one. */
export class ProgressReporter {
  private iterations = 0;
  private failed = 0;
  private requests = 0;
  private dropped = 0;

  constructor(
    private readonly scenarios: ScenarioConfig[],
    private readonly totalMs: number,
    private readonly print: (line: string) => void,
  ) {}

  second(second: number, totals: SecondTotals): void {
    this.iterations += totals.iterations;
    this.failed += totals.failedRequests;
    this.requests += totals.requests;
    this.dropped += totals.dropped;
    const elapsedMs = (second + 1) * 1000;
    if (this.totalMs < EVERY_SECONDS * 1000 || (second + 1) % EVERY_SECONDS !== 0) return;
    const target = targetRateAt(this.scenarios, second * 1000 + 500);
    const rate = `${totals.iterations}/s` + (target === undefined ? '' : ` (target ${Math.round(target * 10) / 10}/s)`);
    const errorPercent = this.requests ? ((this.failed / this.requests) * 100).toFixed(2) : '0.00';
    this.print(
      `running ${formatDuration(elapsedMs)}/${formatDuration(this.totalMs)}  rate ${rate}  VUs ${totals.vusActive}/${totals.vusMax}` +
        `  iterations ${this.iterations}  errors ${errorPercent}% (${this.failed})  dropped ${this.dropped}`,
    );
  }
}
