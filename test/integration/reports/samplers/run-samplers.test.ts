import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../broker/free-port.ts';
import { readServerSamples } from '../../../../reports/analysis/read-server-samples.ts';
import { ServerSamplesFold } from '../../../../reports/analysis/server-samples-fold.ts';
import { startSamplers, type ServerSample } from '../../../../reports/samplers/index.ts';
import { startShop, type RunningShop } from '../../../../shop/index.ts';

let shop: RunningShop;
let dir: string;
beforeAll(async () => {
  shop = await startShop({ productCount: 100 });
  dir = mkdtempSync(join(tmpdir(), 'loadbook-samplers-'));
});
afterAll(async () => {
  await shop.close();
  rmSync(dir, { recursive: true, force: true });
});

function lines(file: string): ServerSample[] {
  return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as ServerSample);
}

describe('startSamplers writing server.ndjson', () => {
  it('appends saturation lines for a live endpoint and rate-limited sampler-error lines for a dead one, then stops', async () => {
    const dead = `http://127.0.0.1:${await freePort()}/metrics`;
    const live = `${shop.url}/metrics`;
    const file = join(dir, 'run-a', 'server.ndjson');

    const samplers = startSamplers({ endpoints: [dead, live], intervalMs: 50, file, errorIntervalMs: 200 });
    await sleep(700);
    await expect(samplers.stop()).resolves.toBeUndefined();

    const written = lines(file);
    const saturation = written.filter((line) => line.kind === 'saturation');
    expect(saturation.length).toBeGreaterThanOrEqual(2);
    for (const line of saturation) {
      expect(line.source).toBe(live);
      expect(Number.isNaN(Date.parse(line.time))).toBe(false);
      expect(line.heapUsedBytes).toBeGreaterThan(0);
      expect(line.cpuPercent).toBeGreaterThanOrEqual(0);
    }
    const errors = written.filter((line) => line.kind === 'sampler-error');
    // ~14 failed scrapes in 700 ms, recorded at most once per 200 ms: the first, then 2 or 3 more.
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.length).toBeLessThanOrEqual(5);
    for (const line of errors) {
      expect(line.source).toBe(dead);
      expect(line.error).toMatch(/could not scrape .*ECONNREFUSED/);
    }
    expect(errors.slice(1).some((line) => line.suppressed > 0)).toBe(true);
  });

  it('counts every failed scrape of a target killed mid-run, and says when it stopped answering', async () => {
    const doomed = await startShop({ productCount: 10 });
    const file = join(dir, 'run-killed', 'server.ndjson');
    // The default interval between error lines (a minute) is far longer than the outage below.
    const samplers = startSamplers({ endpoints: [`${doomed.url}/metrics`], intervalMs: 50, file });
    await sleep(400);
    const killedAt = Date.now();
    await doomed.close();
    await sleep(1_000);
    await samplers.stop();

    const written = lines(file);
    const errors = written.filter((line) => line.kind === 'sampler-error');
    expect(written.filter((line) => line.kind === 'saturation').length).toBeGreaterThanOrEqual(2);
    // The first failure is written at once, the held-back ones flushed at stop: never only the first.
    expect(errors.length).toBeGreaterThanOrEqual(2);
    const failures = errors.reduce((sum, line) => sum + 1 + line.suppressed, 0);
    expect(failures).toBeGreaterThanOrEqual(8);

    const fold = new ServerSamplesFold(killedAt - 400, [{ label: 'steady', startMs: 0, endMs: 10_000 }]);
    for await (const sample of readServerSamples(file)) fold.add(sample);
    const [summary] = fold.result(50).samplerErrors;
    expect(summary).toMatchObject({ errors: failures, stoppedAnsweringAt: expect.any(String), lastAnswerAt: expect.any(String) });
    expect(Date.parse(summary!.stoppedAnsweringAt!)).toBeGreaterThanOrEqual(killedAt);
    expect(Date.parse(summary!.lastAnswerAt!)).toBeLessThanOrEqual(killedAt);
    expect(Date.parse(summary!.lastAt)).toBeGreaterThan(Date.parse(summary!.firstAt));
  });

  it('records a sampler-error for Kafka when no broker answers, and still stops', async () => {
    const file = join(dir, 'run-b', 'server.ndjson');
    const samplers = startSamplers({
      endpoints: [],
      kafka: { brokers: [`127.0.0.1:${await freePort()}`], groups: ['loadbook-nobody'] },
      intervalMs: 50,
      file,
      timeoutMs: 1_000,
    });
    await sleep(1_500);
    await samplers.stop();

    const written = lines(file);
    expect(written.length).toBeGreaterThanOrEqual(1);
    expect(written.every((line) => line.kind === 'sampler-error' && line.source === 'kafka')).toBe(true);
  });
});
