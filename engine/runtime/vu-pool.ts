import type { VuSupply } from '../executors/executor-types.ts';
import type { ScenarioState } from './scenario-state.ts';
import type { Vu } from './vu.ts';
import type { VuRuntime } from './vu-runtime.ts';

/**
 * The VUs of one scenario in this instance. Ids come from the scenario's range, so they are unique
 * across worker threads: `firstId` is where this instance's part of the range begins.
 */
export class VuPool implements VuSupply {
  private readonly all: Vu[] = [];
  private readonly free: Vu[] = [];
  private readonly running = new Set<Vu>();

  constructor(
    private readonly runtime: VuRuntime,
    private readonly scenario: ScenarioState,
    private readonly firstId: number,
    readonly limit: number,
    private readonly setupData: string | undefined,
  ) {}

  get size(): number {
    return this.all.length;
  }

  initialize(count: number): void {
    while (this.all.length < Math.min(count, this.limit)) this.free.push(this.create());
  }

  acquire(): Vu | undefined {
    const vu = this.free.pop() ?? (this.all.length < this.limit ? this.create() : undefined);
    if (vu) this.running.add(vu);
    return vu;
  }

  release(vu: Vu): void {
    if (this.running.delete(vu)) this.free.push(vu);
  }

  busy(): Vu[] {
    return [...this.running];
  }

  private create(): Vu {
    const vu = this.runtime.createVu(this.firstId + this.all.length, this.runtime.state.vusInitialized + 1, this.scenario);
    // Each VU gets its own copy of setup()'s data, as in k6.
    vu.setupData = this.setupData === undefined ? undefined : JSON.parse(this.setupData);
    this.all.push(vu);
    return vu;
  }
}
