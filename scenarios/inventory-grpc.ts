/**
 * Inventory gRPC
 *
 * Question: does the Inventory service hold p95 < 40 ms over gRPC at the baseline rate, every call
 *           answered within a deadline below the upstream SLA?
 * Run:      npm run smoke -- --scenario inventory-grpc
 *           (any phase: npm run steady -- --scenario inventory-grpc; on its own: loadbook run scenarios/inventory-grpc.ts)
 *
 * Most calls are GetStock for a product id drawn uniformly from the catalog; a `reserveRatio` share are
 * Reserve of one unit under a unique reservation id. Every call carries `timeout: deadlineMs` (config),
 * so a slow Inventory fails fast: such a call resolves with status DeadlineExceeded, fails its check and
 * shows in `grpc_req_duration{status:4}`. Each VU opens its own connection on its first iteration, as a
 * service instance would keep one. Load shape, VU counts and durations come from the phase
 * (LOADBOOK_PHASE), never from this file.
 *
 * Thresholds, with their reasons in lib/scenarios.ts (so plan.json records the same ones):
 * - `grpc_req_duration{scenario:inventory-grpc}`: `p(95)<budgetP95Ms`, the budget of docs/runbook.md §10 (40 ms);
 * - `checks{scenario:inventory-grpc}`: `rate>0.99`, so a run that mostly measured errors or deadlines
 *   cannot pass.
 */
import { check } from 'k6';
import exec from 'k6/execution';
import grpc from 'k6/net/grpc';
import type { Options } from 'k6/options';
import { buildPhaseOptions, scenarioProfile } from '../lib/phase-options.ts';
import { readConfigFromEnv } from '../lib/read-config-from-env.ts';
import { tagStage } from '../lib/stage-tag.ts';

const SCENARIO = 'inventory-grpc';
const GET_STOCK = 'inventory.v1.Inventory/GetStock';
const RESERVE = 'inventory.v1.Inventory/Reserve';

const settings = readConfigFromEnv(__ENV);
const config = settings.config.scenarios[SCENARIO];
const { stages } = scenarioProfile(settings, SCENARIO);

export const options: Options = buildPhaseOptions(settings, [SCENARIO]);

// Replies as k6 gives them: JSON field names, 64-bit integers as strings.
interface StockReply {
  productId: string;
  available: number;
  reserved: number;
}
interface ReserveReply {
  reservationId: string;
  remaining: number;
}

const client = new grpc.Client();
client.load(['../proto'], 'inventory.proto');
const address = settings.config.target.grpcAddress;
const params = { timeout: config.deadlineMs };
let connected = false;

/** One Inventory call: GetStock, or Reserve for `reserveRatio` of calls; status and reply checked. */
export async function inventoryGrpc(): Promise<void> {
  tagStage(stages);
  if (!connected) {
    client.connect(address, { plaintext: true });
    connected = true;
  }
  const productId = 1 + Math.floor(Math.random() * config.catalogSize);
  if (Math.random() < config.reserveRatio) {
    const reservationId = `${exec.vu.idInTest}-${exec.vu.iterationInInstance}-${Date.now()}`;
    const response = await client.asyncInvoke(RESERVE, { productId, quantity: 1, reservationId }, params);
    check(response, {
      // Short stock is the service answering correctly (products are seeded with 0..500 units), not an error.
      'Reserve answered (OK, or FailedPrecondition for short stock)': (r) =>
        r.status === grpc.StatusOK || r.status === grpc.StatusFailedPrecondition,
      'Reserve echoes the reservation id': (r) =>
        r.status !== grpc.StatusOK || (r.message as ReserveReply).reservationId === reservationId,
    });
  } else {
    const response = await client.asyncInvoke(GET_STOCK, { productId }, params);
    check(response, {
      'GetStock status is OK': (r) => r.status === grpc.StatusOK,
      'GetStock returns the product asked for': (r) => {
        const reply = r.message as StockReply | null;
        return reply !== null && reply.productId === String(productId) && typeof reply.available === 'number';
      },
    });
  }
}

/** For `k6 run` shortcuts that ignore `exec`. */
export default async function (): Promise<void> {
  await inventoryGrpc();
}
