import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { isRunning, eventually } from '../integration/shop/process-helpers.ts';
import { childrenWith, commandLine, privateNetns, type PrivateNetns } from '../support/private-netns.ts';

// Each test runs in a network namespace of its own, so the default ports are free whatever else runs on
// the machine: what a run starts is what the old code would have started on 3300, 3301 and 39092.
let netns: PrivateNetns | undefined;
afterEach(async () => {
  await netns?.close();
  netns = undefined;
});

// Each test takes a few to 20 s on an idle machine (a broker and a shop start, a phase of a few seconds runs),
// several times that while other suites share the cores.
const SLOW = 240_000;
/** Bounds only a failing test's wait for a run's services to start. */
const START_TIMEOUT_MS = 120_000;
const KAFKA_AND_HTTP = ['--scenario', 'product-get,kafka-publish', '--quiet', '--no-report'];

function runFolder(cwd: string): { plan: any; summary: any; samples: any[] } {
  const [folder] = readdirSync(path.join(cwd, 'out/runs'));
  const read = (file: string) => readFileSync(path.join(cwd, 'out/runs', folder!, file), 'utf8');
  return {
    plan: JSON.parse(read('plan.json')),
    summary: JSON.parse(read('summary.json')),
    samples: read('server.ndjson').trim().split('\n').map((line) => JSON.parse(line)),
  };
}

function registry(cacheHome: string): { kind: string; pid: number; ownerPid: number; address: string; cleanup: string[] }[] {
  const dir = path.join(cacheHome, 'loadbook/services');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((file) => file.endsWith('.json')).map((file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
}

describe('services a phase run starts', () => {
  it('belong to that run: two runs at once each load their own shop and broker, and neither stops the other', async () => {
    netns = await privateNetns();
    const [first, second] = [mkdtempSync(path.join(tmpdir(), 'loadbook-first-')), mkdtempSync(path.join(tmpdir(), 'loadbook-second-'))];
    const a = netns.run('phase.ts', ['smoke', '--time-scale', '0.02', ...KAFKA_AND_HTTP], first);
    // The second starts once the first's services run, and so is still loading when the first ends.
    await eventually(() => a.stderr().includes('run folder:'), 'the first run started its services', START_TIMEOUT_MS);
    const b = netns.run('phase.ts', ['smoke', '--time-scale', '0.02', ...KAFKA_AND_HTTP], second);
    const [endA, endB] = await Promise.all([a.exited, b.exited]);
    // 99 is a latency threshold crossed on a busy machine; errors are what a stolen service causes.
    expect([0, 99], endA.stderr).toContain(endA.code);
    expect([0, 99], endB.stderr).toContain(endB.code);

    const runs = [runFolder(first), runFolder(second)];
    for (const [index, { plan, summary, samples }] of runs.entries()) {
      const said = [endA, endB][index]!.stderr;
      expect(said).toContain(`started the reference shop for this run at ${plan.target.baseUrl}`);
      expect(said).toContain(`started a Kafka broker for this run at ${plan.config.kafka.brokers[0]}`);
      expect(plan.target.baseUrl).not.toBe('http://127.0.0.1:3300');
      expect(plan.config.kafka.brokers).not.toEqual(['127.0.0.1:39092']);
      expect(plan.config.metricsEndpoints).toEqual([`${plan.target.baseUrl}/metrics`]);
      expect(summary.metrics.iterations.values.count).toBeGreaterThan(50);
      expect(summary.metrics.checks.values.fails).toBe(0);
      expect(summary.metrics.http_req_failed.values.passes).toBe(0);
      expect(samples.filter((sample) => sample.kind === 'sampler-error')).toEqual([]);
      expect(samples.find((sample) => sample.kind === 'saturation')?.source).toBe(`${plan.target.baseUrl}/metrics`);
    }
    expect(runs[0]!.plan.target.baseUrl).not.toBe(runs[1]!.plan.target.baseUrl);
    expect(runs[0]!.plan.config.kafka.brokers).not.toEqual(runs[1]!.plan.config.kafka.brokers);
    expect(registry(netns.cacheHome)).toEqual([]);
  }, SLOW);

  it('are stopped when a Ctrl-C arrives during start-up, which ends the run with exit code 105', async () => {
    netns = await privateNetns();
    const run = netns.run('phase.ts', ['smoke', '--time-scale', '0.05', ...KAFKA_AND_HTTP], mkdtempSync(path.join(tmpdir(), 'loadbook-abort-')));
    const owner = run.child.pid!;
    let broker: number | undefined;
    await eventually(() => (broker = childrenWith(owner, 'kafka.Kafka')[0]) !== undefined, 'the run spawned its broker', START_TIMEOUT_MS);
    const brokerHome = path.dirname(commandLine(broker!).at(-1)!);
    run.child.kill('SIGINT');
    const end = await run.exited;
    expect(end.code, end.stderr).toBe(105);
    expect(end.stderr).toContain('interrupted while starting services; stopped the ones this run had started');
    expect(end.stderr).not.toContain('running ');
    expect(isRunning(broker!)).toBe(false);
    expect(existsSync(brokerHome)).toBe(false);
    expect(registry(netns.cacheHome)).toEqual([]);
  }, SLOW);

  it('are found and stopped by the next run, and shown by `npm run kafka -- status`, when their run was killed', async () => {
    netns = await privateNetns();
    const cwd = mkdtempSync(path.join(tmpdir(), 'loadbook-orphan-'));
    const killed = netns.run('phase.ts', ['smoke', '--time-scale', '0.05', ...KAFKA_AND_HTTP], cwd);
    await eventually(() => killed.stderr().includes('run folder:'), 'the run started its services', START_TIMEOUT_MS);
    const plan = JSON.parse(readFileSync(path.join(cwd, 'out/runs', readdirSync(path.join(cwd, 'out/runs'))[0]!, 'plan.json'), 'utf8'));
    const services = registry(netns.cacheHome);
    const broker = services.find((service) => service.kind === 'broker')!;
    const shop = services.find((service) => service.kind === 'shop')!;
    expect(broker).toMatchObject({ ownerPid: killed.child.pid, address: plan.config.kafka.brokers[0] });
    expect(shop).toMatchObject({ ownerPid: killed.child.pid, address: plan.target.baseUrl });
    killed.child.kill('SIGKILL');
    await killed.exited;

    // The shop watches its parent and closes by itself; a JVM cannot, so the broker is an orphan.
    await eventually(() => !isRunning(shop.pid), 'the shop noticed its run died');
    await sleep(500);
    expect(isRunning(broker.pid)).toBe(true);
    const status = await netns.run('kafka.ts', ['status'], cwd).exited;
    expect(status.stdout).toContain(`orphaned Kafka broker on ${broker.address} (pid ${broker.pid}): the run that started it (pid ${killed.child.pid}) is gone`);

    const next = await netns.run('phase.ts', ['smoke', '--time-scale', '0.01', '--scenario', 'product-get', '--quiet', '--no-report'], mkdtempSync(path.join(tmpdir(), 'loadbook-next-'))).exited;
    expect([0, 99], next.stderr).toContain(next.code);
    expect(next.stderr).toMatch(new RegExp(`(stopped|killed) the orphaned Kafka broker on ${broker.address} \\(pid ${broker.pid}\\) left by the run with pid ${killed.child.pid}`));
    expect(isRunning(broker.pid)).toBe(false);
    for (const leftover of broker.cleanup) expect(existsSync(leftover), leftover).toBe(false);
    expect(registry(netns.cacheHome)).toEqual([]);
  }, SLOW);
});
