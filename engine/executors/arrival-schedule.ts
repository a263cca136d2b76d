import type { Stage } from './executor-types.ts';

/** When each iteration of an open-model scenario starts: iteration i at `timeOf(i)` ms from the start. */
export interface ArrivalSchedule {
  readonly total: number;
  timeOf(iteration: number): number;
  /**
   * How many iterations are due by `elapsedMs`, at most `total`: the inverse of timeOf, so a scheduler
   * that fell behind by millions of iterations counts them in one step instead of one by one.
   */
  dueBy(elapsedMs: number): number;
}

// Rounding guard: 200/s for 10s is 2000 iterations, not 2001 from a float landing a hair above 2000.
const EPSILON = 1e-9;

/** ceil() that ignores float noise; the guard grows with the value, as float error does (997/3s for 24h). */
function ceilCount(due: number): number {
  if (!Number.isFinite(due)) return due;
  return Math.ceil(due - Math.max(EPSILON, Math.abs(due) * 1e-12));
}

/**
 * How many iterations are due by `elapsedMs`: `estimate` (from the rate's integral) corrected against
 * timeOf, so the two agree to the iteration however the floats round.
 */
function dueCount(estimate: number, elapsedMs: number, total: number, timeOf: (iteration: number) => number): number {
  let due = Math.max(0, Math.min(total, estimate));
  while (due > 0 && timeOf(due - 1) > elapsedMs) due--;
  while (due < total && timeOf(due) <= elapsedMs) due++;
  return due;
}

/** `rate` iterations per `timeUnitMs`, evenly spaced, for `durationMs`. */
export function constantArrivals(rate: number, timeUnitMs: number, durationMs: number): ArrivalSchedule {
  const interval = timeUnitMs / rate;
  const total = ceilCount((rate * durationMs) / timeUnitMs);
  const timeOf = (iteration: number) => iteration * interval;
  return {
    total,
    timeOf,
    dueBy: (elapsedMs) => dueCount(Math.floor((elapsedMs * rate) / timeUnitMs) + 1, elapsedMs, total, timeOf),
  };
}

interface Piece {
  startMs: number;
  durationMs: number;
  fromRate: number;
  toRate: number;
  /** Iterations due before this piece begins. */
  before: number;
  count: number;
}

/**
 * A rate that changes linearly within each stage, as k6's ramping-arrival-rate: iteration i starts when
 * the integral of the rate reaches i, found by solving the stage's quadratic.
 */
export function rampingArrivals(startRate: number, timeUnitMs: number, stages: Stage[]): ArrivalSchedule {
  const pieces: Piece[] = [];
  let startMs = 0;
  let before = 0;
  let fromRate = startRate;
  for (const stage of stages) {
    const count = (((fromRate + stage.target) / 2) * stage.durationMs) / timeUnitMs;
    pieces.push({ startMs, durationMs: stage.durationMs, fromRate, toRate: stage.target, before, count });
    startMs += stage.durationMs;
    before += count;
    fromRate = stage.target;
  }
  const total = ceilCount(before);
  const schedule: ArrivalSchedule = {
    total,
    timeOf(iteration) {
      const piece = pieces.find((candidate) => iteration < candidate.before + candidate.count - EPSILON) ?? pieces.at(-1)!;
      const due = (iteration - piece.before) * timeUnitMs; // in rate·ms units
      const slope = (piece.toRate - piece.fromRate) / (2 * piece.durationMs);
      const offset =
        Math.abs(slope) < EPSILON
          ? due / piece.fromRate
          : (-piece.fromRate + Math.sqrt(Math.max(0, piece.fromRate ** 2 + 4 * slope * due))) / (2 * slope);
      return piece.startMs + Math.min(piece.durationMs, Math.max(0, offset));
    },
    dueBy(elapsedMs) {
      const piece = pieces.find((candidate) => elapsedMs < candidate.startMs + candidate.durationMs);
      if (piece === undefined) return dueCount(total, elapsedMs, total, schedule.timeOf);
      const offset = Math.max(0, elapsedMs - piece.startMs);
      const area = piece.fromRate * offset + ((piece.toRate - piece.fromRate) * offset * offset) / (2 * piece.durationMs);
      return dueCount(Math.floor(piece.before + area / timeUnitMs) + 1, elapsedMs, total, schedule.timeOf);
    },
  };
  return schedule;
}
