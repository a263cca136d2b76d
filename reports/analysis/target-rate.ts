import { parseDuration } from '../../engine/options/parse-duration.ts';
import type { K6Scenario } from '../../lib/scenarios.ts';
import type { PhaseStage } from '../../phases/index.ts';

/**
 * One straight piece of the planned rate: iterations per second move linearly from `startRate` to
 * `endRate` between two offsets from the scenario's start, in ms.
 */
export type RatePiece = Pick<PhaseStage, 'startMs' | 'endMs' | 'startRate' | 'endRate'>;

/** A time window, as offsets from the scenario's start in ms. */
export type TimeWindow = Pick<PhaseStage, 'startMs' | 'endMs'>;

/**
 * The rate a scenario's executor was told to play, piece by piece. A labelled stage can join several
 * k6 stages (a spike's burst is a climb then a hold), so only the executor's own stages say how the rate
 * moved inside it; every plan.json carries them in `options.scenarios`. Without an arrival-rate executor
 * (hand-written plans), each labelled stage is taken as one straight piece.
 */
export function plannedRate(executor: K6Scenario | undefined, stages: readonly PhaseStage[]): RatePiece[] {
  const where = 'the plan’s scenario';
  switch (executor?.executor) {
    case 'constant-arrival-rate': {
      const rate = executor.rate / (parseDuration(executor.timeUnit, `${where}.timeUnit`) / 1000);
      return [{ startMs: 0, endMs: parseDuration(executor.duration, `${where}.duration`), startRate: rate, endRate: rate }];
    }
    case 'ramping-arrival-rate': {
      const perS = 1000 / parseDuration(executor.timeUnit, `${where}.timeUnit`);
      const pieces: RatePiece[] = [];
      let startMs = 0;
      let startRate = executor.startRate * perS;
      for (const [index, stage] of executor.stages.entries()) {
        const endMs = startMs + parseDuration(stage.duration, `${where}.stages[${index}].duration`);
        pieces.push({ startMs, endMs, startRate, endRate: stage.target * perS });
        startMs = endMs;
        startRate = stage.target * perS;
      }
      return pieces;
    }
    default:
      return stages.map(({ startMs, endMs, startRate, endRate }) => ({ startMs, endMs, startRate, endRate }));
  }
}

/** Iterations the plan expects between two offsets from the scenario's start (ms); times outside every piece plan none. */
export function plannedIterationsBetween(pieces: readonly RatePiece[], fromMs: number, toMs: number): number {
  let iterations = 0;
  for (const piece of pieces) {
    const start = Math.max(piece.startMs, fromMs);
    const end = Math.min(piece.endMs, toMs);
    if (end <= start) continue;
    const rateAt = (ms: number) => piece.startRate + ((piece.endRate - piece.startRate) * (ms - piece.startMs)) / (piece.endMs - piece.startMs);
    iterations += ((rateAt(start) + rateAt(end)) / 2) * ((end - start) / 1000);
  }
  return iterations;
}

/** The plan's mean target rate (iterations/s) between two offsets from the run's start, in ms; 0 for an empty window. */
export function targetRateBetween(pieces: readonly RatePiece[], fromMs: number, toMs: number): number {
  return toMs > fromMs ? plannedIterationsBetween(pieces, fromMs, toMs) / ((toMs - fromMs) / 1000) : 0;
}

/**
 * The plan's mean target rate (iterations/s) across windows: the iterations planned in them over their
 * length (the integral of the rate, not the mean of its ends); 0 when they cover no time.
 */
export function targetRateOver(pieces: readonly RatePiece[], windows: readonly TimeWindow[]): number {
  let iterations = 0;
  let ms = 0;
  for (const window of windows) {
    iterations += plannedIterationsBetween(pieces, window.startMs, window.endMs);
    ms += Math.max(0, window.endMs - window.startMs);
  }
  return ms > 0 ? iterations / (ms / 1000) : 0;
}
