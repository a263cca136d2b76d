/**
 * Product GET
 *
 * Question: does Product GET hold p95 < 120 ms at the baseline rate, with a realistic cache hit ratio?
 * Run:      npm run smoke -- --scenario product-get
 *           (any phase: npm run steady -- --scenario product-get; on its own: loadbook run scenarios/product-get.ts)
 *
 * Ids are drawn Zipf-like (config `zipfExponent`), so the shop's LRU cache sees the reuse a real catalog
 * does: about 88% hits after warm-up. Load shape, VU counts and durations come from the phase
 * (LOADBOOK_PHASE), never from this file.
 *
 * Thresholds, whose reasons are written next to them in lib/scenarios.ts (kept there so plan.json records
 * the same ones):
 * - `http_req_duration{scenario:product-get}`: `p(95)<budgetP95Ms`, the budget of docs/runbook.md §10 (120 ms);
 * - `checks{scenario:product-get}`: `rate>0.99`, so a run that mostly measured errors cannot pass.
 *
 * Metrics beyond k6's built-ins: `cache_hit` (Rate of X-Cache: HIT, tagged `id_bucket`, the id's
 * power-of-two rank bucket) for the hit ratio after warm-up and the key distribution. No per-id tag: it
 * would add a metric series per product.
 */
import { check } from 'k6';
import http from 'k6/http';
import { Rate } from 'k6/metrics';
import type { Options } from 'k6/options';
import { idBucket } from '../lib/id-bucket.ts';
import { buildPhaseOptions, scenarioProfile } from '../lib/phase-options.ts';
import { productMatches } from '../lib/product-matches.ts';
import { readConfigFromEnv } from '../lib/read-config-from-env.ts';
import { tagStage } from '../lib/stage-tag.ts';
import { createZipfSampler } from '../lib/zipf.ts';

const SCENARIO = 'product-get';

const settings = readConfigFromEnv(__ENV);
const config = settings.config.scenarios[SCENARIO];
const { stages } = scenarioProfile(settings, SCENARIO);

export const options: Options = buildPhaseOptions(settings, [SCENARIO]);

// Split once in init so an iteration builds its URL with one concatenation.
const [pathBefore, pathAfter] = config.path.split('{id}') as [string, string];
const urlBefore = `${settings.config.target.baseUrl}${pathBefore}`;
const params = { tags: { name: `GET ${config.path}` } };

const nextId = createZipfSampler({ n: config.catalogSize, exponent: config.zipfExponent });
const cacheHit = new Rate('cache_hit');

/** One Product GET: a Zipf-drawn id, status and body checked, cache outcome recorded. */
export async function productGet(): Promise<void> {
  tagStage(stages);
  const id = nextId();
  const response = await http.asyncRequest('GET', `${urlBefore}${id}${pathAfter}`, null, params);
  check(response, {
    'status is 200': (r) => r.status === 200,
    'body is the product asked for': (r) => productMatches(r.body, id),
  });
  const cache = response.headers['X-Cache'];
  if (cache === 'HIT' || cache === 'MISS') cacheHit.add(cache === 'HIT', { id_bucket: idBucket(id) });
}

/** For `k6 run` shortcuts that ignore `exec`. */
export default async function (): Promise<void> {
  await productGet();
}
