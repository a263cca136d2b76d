/**
 * The mix: all five interactions of docs/runbook.md §10 at once
 *
 * Question: does each interaction hold its own p95 budget while all of them load the shop together, at
 *           rates in proportion to their config weights?
 * Run:      npm run smoke                       (every phase runs the mix by default)
 *           npm run smoke -- --scenario order-post,kafka-publish   (a narrower mix)
 *
 * Each interaction runs as its own k6 scenario under its own name, with its own thresholds, so one
 * cannot hide or cause another's breach. `LOADBOOK_SCENARIOS` (set by the phase scripts from
 * `--scenario`) names the ones to run; unset, all five run.
 */
import type { Options } from 'k6/options';
import { buildPhaseOptions } from '../lib/phase-options.ts';
import { readConfigFromEnv } from '../lib/read-config-from-env.ts';
import { scenarioNamesFromEnv } from '../lib/scenario-names-from-env.ts';

export { inventoryGrpc } from './inventory-grpc.ts';
export { kafkaPublish } from './kafka-publish.ts';
export { orderPost } from './order-post.ts';
export { productGet } from './product-get.ts';
export { wsPublish, wsSubscribe } from './ws-broadcast.ts';

export const options: Options = buildPhaseOptions(readConfigFromEnv(__ENV), scenarioNamesFromEnv(__ENV));
