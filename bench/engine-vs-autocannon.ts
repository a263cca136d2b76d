#!/usr/bin/env tsx
/**
 * Benchmark: loadbook's engine running the Product GET scenario against a static local server, side by
 * side with autocannon in the same run. Machines here are noisy, so the figures that matter are ratios.
 *
 *   npm run bench -- [--seconds 10] [--rounds 2]
 *
 * Prints: iterations per CPU-second (one worker), the ratio to autocannon's requests per CPU-second, the
 * median latency of each at the same fixed rate, and the engine's peak RSS at 1,000 VUs.
 *
 * CPU per iteration is given two ways: the whole run (startup included: bundling, TypeScript loading,
 * VU init, about 1.5 CPU-seconds) and the marginal cost, from runs of S and 2S seconds, which is what a
 * long test pays per iteration.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { build } from 'hdr-histogram-js';
import { runTest } from '../engine/index.ts';
import { cpuSecondsOf, peakRssOf, startStaticServer } from './measure.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, rounds: { type: 'string', default: '2' }, rate: { type: 'string', default: '1000' } } });
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const fixedRate = Number(values.rate);
const SCRIPT = new URL('../scenarios/product-get.ts', import.meta.url).pathname;
const silent = { quiet: true, stdout: () => {}, workers: 1 };

const { url, child } = await startStaticServer();
// The same server answering after 5 ms: shows whether the engine's latency overhead is additive.
const delayed = await startStaticServer(5);
const env = { LOADBOOK_TARGET: url };

async function engineRun(runSeconds: number) {
  const { result, cpuSeconds } = await cpuSecondsOf(() => runTest({ script: SCRIPT, env, options: { vus: 64, duration: `${runSeconds}s` }, ...silent }));
  return { iterations: (result.summary!.metrics.iterations!.values as { count: number }).count, cpuSeconds };
}

async function engineThroughput() {
  const short = await engineRun(seconds);
  const long = await engineRun(2 * seconds);
  return {
    perCpuSecond: long.iterations / long.cpuSeconds,
    marginalPerCpuSecond: (long.iterations - short.iterations) / (long.cpuSeconds - short.cpuSeconds),
    perSecond: long.iterations / (2 * seconds),
  };
}

async function autocannonThroughput() {
  const { result, cpuSeconds } = await cpuSecondsOf(async () => await autocannon({ url: `${url}/products/1`, connections: 64, duration: seconds }));
  return { perCpuSecond: result.requests.total / cpuSeconds, perSecond: result.requests.total / seconds };
}

async function engineMedianAtRate(target: string) {
  const result = await runTest({
    script: SCRIPT,
    env: { LOADBOOK_TARGET: target },
    options: { scenarios: { fixed: { executor: 'constant-arrival-rate', rate: fixedRate, duration: `${seconds}s`, preAllocatedVUs: 50, maxVUs: 200, exec: 'productGet' } } },
    ...silent,
  });
  return (result.summary!.metrics.http_req_duration!.values as Record<string, number>).med!;
}

async function autocannonMedianAtRate(target: string) {
  // autocannon's own histogram keeps whole milliseconds; its per-response times are exact, so record those.
  // One connection: autocannon paces each connection in bursts, so with many the median measures its own
  // queueing; at a fixed rate of sub-millisecond requests the engine too reuses one VU's connection.
  const histogram = build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3 });
  const instance = autocannon({ url: `${target}/products/1`, connections: 1, overallRate: fixedRate, duration: seconds });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => histogram.recordValue(Math.round(responseTime * 1000)));
  await instance;
  return histogram.getValueAtPercentile(50) / 1000;
}

const rows: string[] = [];
for (let round = 1; round <= rounds; round++) {
  const engine = await engineThroughput();
  const cannon = await autocannonThroughput();
  const engineMedian = await engineMedianAtRate(url);
  const cannonMedian = await autocannonMedianAtRate(url);
  const engineDelayed = await engineMedianAtRate(delayed.url);
  const cannonDelayed = await autocannonMedianAtRate(delayed.url);
  rows.push(
    `| ${round} | ${Math.round(engine.perCpuSecond)} | ${Math.round(engine.marginalPerCpuSecond)} | ${Math.round(cannon.perCpuSecond)} | ${(engine.perCpuSecond / cannon.perCpuSecond).toFixed(2)} | ${(engine.marginalPerCpuSecond / cannon.perCpuSecond).toFixed(2)} | ${Math.round(engine.perSecond)} | ${Math.round(cannon.perSecond)} | ${engineMedian.toFixed(3)} | ${cannonMedian.toFixed(3)} | ${(engineMedian / cannonMedian).toFixed(2)} | ${engineDelayed.toFixed(3)} | ${cannonDelayed.toFixed(3)} | ${(engineDelayed / cannonDelayed).toFixed(3)} |`,
  );
}
const { peakMiB } = await peakRssOf(() => runTest({ script: SCRIPT, env, options: { vus: 1000, duration: `${seconds}s` }, ...silent }));
child.kill('SIGTERM');
delayed.child.kill('SIGTERM');

console.log(`Product GET against a static server, ${seconds}s per measurement, median at ${fixedRate}/s\n`);
console.log('| round | engine it/CPU-s | engine marginal it/CPU-s | autocannon req/CPU-s | ratio | marginal ratio | engine it/s | autocannon req/s | engine p50 ms | autocannon p50 ms | p50 ratio | engine p50, 5 ms server | autocannon p50, 5 ms server | ratio |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log(`\nPeak RSS of the engine process at 1,000 VUs (constant-vus, ${seconds}s): ${peakMiB.toFixed(0)} MiB`);
