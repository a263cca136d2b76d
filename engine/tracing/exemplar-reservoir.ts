import type { Exemplar } from '../output/exemplar.ts';

/**
 * The slowest exemplars seen, at most `capacity` of them. Callers ask `admits(duration)` first, so a
 * request too fast to be kept costs one comparison and nothing gets built for it.
 */
export class ExemplarReservoir {
  /** Kept exemplars, fastest first: the first is the one a slower request pushes out. */
  private readonly kept: Exemplar[] = [];
  /** The duration a request must exceed to be kept: the fastest kept once full, -Infinity before. */
  floor: number;

  constructor(readonly capacity: number) {
    this.floor = capacity > 0 ? -Infinity : Infinity;
  }

  get size(): number {
    return this.kept.length;
  }

  admits(durationMs: number): boolean {
    return durationMs > this.floor;
  }

  /** Keeps `exemplar` if it is slow enough; returns the one left out: `exemplar` itself, or the fastest it pushed out. */
  add(exemplar: Exemplar): Exemplar | undefined {
    if (!this.admits(exemplar.durationMs)) return exemplar;
    const { kept } = this;
    let at = 0;
    while (at < kept.length && kept[at]!.durationMs < exemplar.durationMs) at++;
    kept.splice(at, 0, exemplar);
    const evicted = kept.length > this.capacity ? kept.shift() : undefined;
    if (kept.length === this.capacity) this.floor = kept[0]!.durationMs;
    return evicted;
  }

  /** The kept exemplars, slowest first. */
  slowestFirst(): Exemplar[] {
    return this.kept.slice().reverse();
  }
}
