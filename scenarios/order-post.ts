/**
 * Order POST
 *
 * Question: does Order POST hold p95 < 180 ms at the baseline rate, with every order validated, stored
 *           and published as an OrderCreated event?
 * Run:      npm run smoke -- --scenario order-post
 *           (any phase: npm run steady -- --scenario order-post; on its own: loadbook run scenarios/order-post.ts)
 *
 * Each iteration posts a JSON order of 1..maxItems catalog items with random quantities and a unique
 * Idempotency-Key, and checks the 201 and the returned order id. Load shape, VU counts and durations come
 * from the phase (LOADBOOK_PHASE), never from this file.
 *
 * Thresholds, with their reasons in lib/scenarios.ts (so plan.json records the same ones):
 * - `http_req_duration{scenario:order-post}`: `p(95)<budgetP95Ms`, the budget of docs/runbook.md §10 (180 ms);
 * - `checks{scenario:order-post}`: `rate>0.99`, so a run that mostly measured rejected orders cannot pass.
 */
import { check } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';
import type { Options } from 'k6/options';
import { buildPhaseOptions, scenarioProfile } from '../lib/phase-options.ts';
import { randomOrder } from '../lib/random-order.ts';
import { readConfigFromEnv } from '../lib/read-config-from-env.ts';
import { tagStage } from '../lib/stage-tag.ts';

const SCENARIO = 'order-post';

const settings = readConfigFromEnv(__ENV);
const config = settings.config.scenarios[SCENARIO];
const { stages } = scenarioProfile(settings, SCENARIO);

export const options: Options = buildPhaseOptions(settings, [SCENARIO]);

const url = `${settings.config.target.baseUrl}${config.path}`;
const tags = { name: `POST ${config.path}` };

/** One Order POST: a random order, a fresh idempotency key, 201 and the order id checked. */
export async function orderPost(): Promise<void> {
  tagStage(stages);
  const order = randomOrder(config.catalogSize, config.maxItems, config.maxQuantity);
  const response = await http.asyncRequest('POST', url, JSON.stringify(order), {
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `${exec.vu.idInTest}-${exec.vu.iterationInInstance}-${Date.now()}` },
    tags,
  });
  check(response, {
    'order created (201)': (r) => r.status === 201,
    'order id returned': (r) => r.status === 201 && (r.json() as { orderId?: unknown }).orderId != null,
  });
}

/** For `k6 run` shortcuts that ignore `exec`. */
export default async function (): Promise<void> {
  await orderPost();
}
