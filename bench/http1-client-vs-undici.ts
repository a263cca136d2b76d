#!/usr/bin/env tsx
/**
 * Micro-benchmark of the HTTP transport alone, without the engine around it: requests per CPU-second of
 * Http1Client against the undici path (sendExchange + VuHttpClient), with autocannon as the yardstick.
 * Each transport runs 64 loops, each loop a VU with its own client, as the engine would give them.
 *
 *   npx tsx bench/http1-client-vs-undici.ts [--seconds 5] [--rounds 2]
 *
 * Every request builds its URL and takes the byte counts, as `k6/http`'s asyncRequest does.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Http1Client } from '../engine/modules/http/http1-client.ts';
import type { HttpTransport } from '../engine/modules/http/http-transport.ts';
import { sendExchange, type ExchangeRequest } from '../engine/modules/http/send-exchange.ts';
import { VuHttpClient } from '../engine/modules/http/vu-http-client.ts';
import { cpuSecondsOf, startStaticServer } from './measure.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, rounds: { type: 'string', default: '2' } } });
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const LOOPS = 64;

const { url, child } = await startStaticServer();
const target = `${url}/products/1`;

/** The undici path behind the same interface, so both run the same loop. */
class UndiciTransport implements HttpTransport {
  private readonly client = new VuHttpClient();
  send(request: ExchangeRequest) {
    return sendExchange(this.client, request);
  }
  takeByteCounts() {
    return this.client.takeByteCounts();
  }
  close() {
    return this.client.close();
  }
}

async function loop(transport: HttpTransport, deadline: number): Promise<number> {
  // One signal per loop, as each VU has its own.
  const signal = new AbortController().signal;
  let count = 0;
  while (performance.now() < deadline) {
    const result = await transport.send({ method: 'GET', url: new URL(target), headers: { 'User-Agent': 'loadbook-bench' }, body: null, timeoutMs: 60_000, keepBody: true, signal });
    if (result.status !== 200) throw new Error(`unexpected result ${result.status} ${result.error?.message ?? ''}`);
    transport.takeByteCounts();
    count++;
  }
  return count;
}

async function transportRate(create: () => HttpTransport) {
  const transports = Array.from({ length: LOOPS }, create);
  const { result, cpuSeconds, wallSeconds } = await cpuSecondsOf(async () => {
    const deadline = performance.now() + seconds * 1000;
    const counts = await Promise.all(transports.map((transport) => loop(transport, deadline)));
    return counts.reduce((sum, count) => sum + count, 0);
  });
  await Promise.all(transports.map((transport) => transport.close()));
  return { perCpuSecond: result / cpuSeconds, perSecond: result / wallSeconds };
}

async function autocannonRate() {
  const { result, cpuSeconds } = await cpuSecondsOf(async () => await autocannon({ url: target, connections: LOOPS, duration: seconds }));
  return { perCpuSecond: result.requests.total / cpuSeconds, perSecond: result.requests.total / seconds };
}

const rows: string[] = [];
for (let round = 1; round <= rounds; round++) {
  const http1 = await transportRate(() => new Http1Client());
  const undici = await transportRate(() => new UndiciTransport());
  const cannon = await autocannonRate();
  const format = (rate: { perCpuSecond: number; perSecond: number }) => `${Math.round(rate.perCpuSecond)} | ${Math.round(rate.perSecond)}`;
  rows.push(
    `| ${round} | ${format(http1)} | ${format(undici)} | ${format(cannon)} | ${(http1.perCpuSecond / undici.perCpuSecond).toFixed(2)} | ${(http1.perCpuSecond / cannon.perCpuSecond).toFixed(2)} |`,
  );
}
child.kill('SIGTERM');

console.log(`GET ${target.replace(url, '<static server>')}, ${LOOPS} loops, ${seconds}s per measurement\n`);
console.log('| round | Http1Client req/CPU-s | req/s | undici path req/CPU-s | req/s | autocannon req/CPU-s | req/s | Http1Client ÷ undici | Http1Client ÷ autocannon |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
