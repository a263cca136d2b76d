import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../lib/scenarios.ts';
import { spawnShop, type SpawnedShop } from '../../shop/index.ts';
import { testKafkaBrokers } from '../support/kafka-global-setup.ts';

const PHASE_SCRIPT = new URL('../../scripts/phase.ts', import.meta.url).pathname;
const TSX = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;

function runPhase(cwd: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [PHASE_SCRIPT, ...args], { cwd });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

async function consumedEvents(shop: SpawnedShop, topic: string): Promise<number> {
  const text = await (await fetch(`${shop.url}/metrics`)).text();
  const line = text.split('\n').find((entry) => entry.startsWith(`shop_kafka_consumed_total{topic="${topic}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('the mix, time-scaled smoke against the shop and a real broker', () => {
  let shop: SpawnedShop;
  beforeAll(async () => {
    // The shop on its default ports, so the phase uses it as it would one a user started; it stays up
    // after the run, so the test can ask its consumer what it received.
    shop = await spawnShop({ port: 3300, grpcPort: 3301, kafkaBrokers: testKafkaBrokers() });
  });
  afterAll(() => shop?.stop());

  it('runs all five interactions, each judged on its own budget, and the shop consumes every event produced', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'loadbook-mix-'));
    writeFileSync(path.join(cwd, 'loadbook.config.json'), JSON.stringify({ kafka: { brokers: testKafkaBrokers() } }));
    const result = await runPhase(cwd, ['smoke', '--time-scale', '0.02', '--quiet']);
    // On a busy 2-core CI machine a budget may be breached (99); the run itself must complete.
    expect([0, 99]).toContain(result.code);

    const [folder] = readdirSync(path.join(cwd, 'out/runs'));
    const summary = JSON.parse(readFileSync(path.join(cwd, 'out/runs', folder!, 'summary.json'), 'utf8'));
    const budgets = Object.values(SCENARIOS).map((entry) => Object.keys(entry.thresholds({ budgetP95Ms: 1 } as never))[0]!);
    expect(budgets).toEqual([
      'http_req_duration{scenario:product-get}',
      'http_req_duration{scenario:order-post}',
      'grpc_req_duration{scenario:inventory-grpc}',
      'ws_broadcast_latency{scenario:ws-broadcast}',
      'kafka_publish_latency{scenario:kafka-publish}',
    ]);
    for (const key of budgets) {
      expect(summary.metrics[key], key).toBeDefined();
      expect(Object.keys(summary.metrics[key].thresholds), key).toHaveLength(1);
      expect(summary.metrics[key].values.count, key).toBeGreaterThan(0);
    }

    const produced = summary.metrics.kafka_writer_message_count.values.count;
    let consumed = 0;
    for (let attempt = 0; attempt < 100 && consumed < produced; attempt++) {
      consumed = await consumedEvents(shop, 'loadbook.events');
      if (consumed < produced) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(consumed).toBe(produced);

    // The lag sampler read the shop's consumer group through the Admin API of the same broker.
    const samples = readFileSync(path.join(cwd, 'out/runs', folder!, 'server.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const lag = samples.filter((sample) => sample.kind === 'kafka-lag');
    expect(lag.length).toBeGreaterThan(0);
    expect(lag.every((sample) => sample.group === 'shop-consumer' && Number.isInteger(sample.total))).toBe(true);
  });
});
