/** One injected slowdown of the accuracy harness and how many runs it gets. */
export interface AccuracyCase {
  /** `a-a`, `+10%`, `+20%`, `+30%`. */
  readonly name: string;
  /** The shop's latencyFactor during the case's runs. */
  readonly latencyFactor: number;
  readonly runs: number;
  /**
   * Seconds of CPU contention during each run: two busy processes (one per core here) start at a seeded
   * moment of the steady part and stop after this long, as a noisy CI neighbour would. Absent: none.
   */
  readonly burstS?: number;
}

/**
 * The cases the verdict's accuracy is measured on (A/A 20 runs, +20% 20 runs, +10% and +30% 10 runs
 * each), and A/A runs with an 8 s burst of CPU contention: the noise a shared CI machine adds, which a
 * naive delta reads as a regression.
 */
export const ACCURACY_CASES: readonly AccuracyCase[] = [
  { name: 'a-a', latencyFactor: 1, runs: 20 },
  { name: '+20%', latencyFactor: 1.2, runs: 20 },
  { name: '+10%', latencyFactor: 1.1, runs: 10 },
  { name: '+30%', latencyFactor: 1.3, runs: 10 },
  { name: 'a-a, 8 s CPU burst', latencyFactor: 1, runs: 10, burstS: 8 },
];

/** One run to make: its case and its number within the case (0-based). */
export interface PlannedRun {
  readonly case: AccuracyCase;
  readonly index: number;
}

/**
 * The runs in round-robin order across cases (a-a 0, +20% 0, +10% 0, +30% 0, a-a 1, …), so a machine
 * that drifts during the hour (thermal, other tenants) spreads over every case instead of biasing one.
 */
export function interleavedRuns(cases: readonly AccuracyCase[] = ACCURACY_CASES): PlannedRun[] {
  const longest = Math.max(...cases.map((each) => each.runs));
  const order: PlannedRun[] = [];
  for (let index = 0; index < longest; index++) {
    for (const each of cases) if (index < each.runs) order.push({ case: each, index });
  }
  return order;
}
