import { Gauge, type Registry } from 'prom-client';
import { createCrashTimer } from './crash-timer.ts';
import { createMemoryLeak } from './memory-leak.ts';
import type { ShopFaults } from './shop-faults.ts';

/** The exit code of a crash injected by crashAfterS: EX_SOFTWARE, distinct from usage (2) and start (1) failures. */
export const CRASH_EXIT_CODE = 70;

/** Something that can stop taking messages for a while: the shop's Kafka consumer. */
export interface Pausable {
  setPaused(paused: boolean): void;
}

/**
 * The knobs of ShopFaults that act on the whole process rather than on one request: leakMbPerMin,
 * pauseConsumer and crashAfterS. Per-request knobs are read on each request (request-faults.ts).
 */
export interface FaultEffects {
  /** Brings the process in line with a new fault set; called at start and on every PUT /admin/faults. */
  apply(faults: ShopFaults): void;
  stop(): void;
}

export interface FaultEffectsOptions {
  registry: Registry;
  consumer: Pausable | undefined;
  /** Whether crashAfterS may exit the process; only the shop's CLIs allow it. */
  exitOnCrash: boolean;
  log: (line: string) => void;
}

export function createFaultEffects({ registry, consumer, exitOnCrash, log }: FaultEffectsOptions): FaultEffects {
  const leak = createMemoryLeak();
  new Gauge({
    name: 'shop_fault_leaked_bytes',
    help: 'Heap bytes held by the leakMbPerMin fault.',
    registers: [registry],
    collect() {
      this.set(leak.retainedBytes());
    },
  });
  const crash = createCrashTimer(() => {
    if (!exitOnCrash) {
      log('shop: crashAfterS elapsed, but this shop runs inside another process, so it keeps running');
      return;
    }
    log(`shop: crashing now, as the crashAfterS fault asked (exit code ${CRASH_EXIT_CODE})`);
    process.exit(CRASH_EXIT_CODE);
  });
  return {
    apply(faults) {
      leak.setRate(faults.leakMbPerMin);
      consumer?.setPaused(faults.pauseConsumer);
      crash.set(faults.crashAfterS);
    },
    stop() {
      leak.stop();
      crash.stop();
    },
  };
}
