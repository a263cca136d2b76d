import type { Exemplar, ExemplarsFile } from '../output/exemplar.ts';
import { ExemplarReservoir } from './exemplar-reservoir.ts';

/** The main thread's merge of the workers' exemplars: the slowest `perScenario` of each scenario. */
export class ExemplarCollector {
  private readonly reservoirs = new Map<string, ExemplarReservoir>();

  constructor(readonly perScenario: number) {}

  add(exemplars: readonly Exemplar[]): void {
    for (const exemplar of exemplars) {
      let reservoir = this.reservoirs.get(exemplar.scenario);
      if (reservoir === undefined) {
        reservoir = new ExemplarReservoir(this.perScenario);
        this.reservoirs.set(exemplar.scenario, reservoir);
      }
      reservoir.add(exemplar);
    }
  }

  /** `exemplars.json`'s content: every scenario's kept exemplars, slowest first. */
  toFile(): ExemplarsFile {
    const exemplars = [...this.reservoirs.values()].flatMap((reservoir) => reservoir.slowestFirst());
    exemplars.sort((a, b) => b.durationMs - a.durationMs);
    return { version: 1, perScenario: this.perScenario, exemplars };
  }
}
