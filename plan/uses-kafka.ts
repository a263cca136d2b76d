import type { ScenarioName } from '../lib/config.ts';
import type { Plan } from './build-plan.ts';

/** Scenarios that need Kafka: kafka-publish produces to it; the shop publishes every order to it. */
const KAFKA_SCENARIOS: readonly ScenarioName[] = ['kafka-publish', 'order-post'];

/** Whether a plan's scenarios need a Kafka cluster. */
export function usesKafka(plan: Pick<Plan, 'scenarios'>): boolean {
  return plan.scenarios.some((scenario) => KAFKA_SCENARIOS.includes(scenario.name));
}
