import type { Vu } from '../../runtime/vu.ts';
import { guardedClientOptions, type GuardedClientOptions } from './kafka-host-guard.ts';
import { KafkaMetrics } from './kafka-metrics.ts';

/** What every Writer, Reader and Connection of one VU shares. */
export interface KafkaContext {
  vu: Vu;
  metrics: KafkaMetrics;
  /**
   * What every client of the VU is created with: Kafka's client.id (names the VU in broker logs and
   * quotas) and the guard that holds its connections, to any broker, to the host allowlist.
   */
  client: GuardedClientOptions;
  /**
   * Whether clients disconnect after each call. True for the VU that runs init, setup() and teardown()
   * on the engine's own thread: nothing ends it, and an open socket there would keep the process alive
   * after the run. Worker VUs keep their connections, which end with their thread.
   */
  disconnectAfterEachCall: boolean;
}

export function createKafkaContext(vu: Vu): KafkaContext {
  return {
    vu,
    metrics: new KafkaMetrics(vu),
    client: guardedClientOptions(`loadbook-vu${vu.idInTest}`, vu.runtime.hostAllowlist),
    disconnectAfterEachCall: vu.scenario === undefined,
  };
}

/** Refuses a network call in init code, where k6 refuses them too. */
export function refuseInInit(context: KafkaContext, call: string): void {
  if (context.vu.stage === 'init') {
    throw new Error(`${call} cannot run in the init context; call it in setup(), the scenario function or teardown()`);
  }
}

/**
 * Marks the iteration a call started in, so its result can be dropped once that iteration was
 * interrupted: its samples would otherwise count toward the next one.
 */
export function iterationGuard(context: KafkaContext): () => boolean {
  const { vu } = context;
  const iteration = vu.iteration;
  return () => !vu.interrupted && vu.iteration === iteration;
}

/** The message of anything thrown, with @platformatic/kafka's nested causes flattened into one line. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parts = [error.message];
  const nested = (error as Error & { errors?: unknown[] }).errors;
  // Retries repeat the same cause; each distinct one is said once.
  if (Array.isArray(nested) && nested.length > 0) parts.push(`(${[...new Set(nested.map(errorText))].join('; ')})`);
  else if (error.cause) parts.push(`(${errorText(error.cause)})`);
  return parts.join(' ');
}
