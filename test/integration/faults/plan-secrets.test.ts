import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBaseline } from '../../../reports/baseline/index.ts';
import { createVerdict } from '../../../reports/verdict/create-verdict.ts';
import { spawnShop, type SpawnedShop } from '../../../shop/index.ts';

const PHASE_SCRIPT = new URL('../../../scripts/phase.ts', import.meta.url).pathname;
const TSX = new URL('../../../node_modules/.bin/tsx', import.meta.url).pathname;
const SECRET = 'S3CR3T-pl4n';
const TOKEN = 'T0K3N-pl4n';

function runPhase(cwd: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [PHASE_SCRIPT, ...args], { cwd, env: { ...process.env, LOADBOOK_TARGET: '', LOADBOOK_METRICS_ENDPOINTS: '' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** Every file under `dir`, gzip inflated, as text. */
function filesUnder(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(join(dir, file)).isFile())
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      return { file: join(dir, file), text: (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8') };
    });
}

describe('a phase run whose addresses carry a password and a token', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'loadbook-plan-secrets-'));
  const baselines = join(cwd, 'baselines');
  const history = join(cwd, 'history');
  let shop: SpawnedShop;
  let phase: { code: number | null; stderr: string };
  let runDir: string;
  beforeAll(async () => {
    shop = await spawnShop({ port: 0 });
    const { host } = new URL(shop.url);
    const config = {
      target: { wsUrl: `ws://user:${SECRET}@${host}/ws?token=${TOKEN}` },
      metricsEndpoints: [`http://user:${SECRET}@${host}/metrics?token=${TOKEN}`],
    };
    writeFileSync(join(cwd, 'loadbook.config.json'), JSON.stringify(config));
    phase = await runPhase(cwd, ['smoke', '--time-scale', '0.02', '--scenario', 'product-get', '--target', `http://user:${SECRET}@${host}`, '--quiet']);
    runDir = join(cwd, 'out/runs', readdirSync(join(cwd, 'out/runs'))[0]!);
    const baseline = await createBaseline({ run: runDir, dir: baselines });
    await createVerdict({ runs: [runDir], baseline: baseline.jsonPath, history, build: 'plan-secrets-1', resamples: 50 });
  }, 90_000);
  afterAll(async () => {
    await shop?.stop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('loads the target with the credentials, yet no file of the run, its baseline, verdict or history holds them', () => {
    expect(phase.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8'));
    expect(summary.metrics.http_reqs.values.count).toBeGreaterThan(0);
    expect(summary.metrics.http_req_failed.values.passes).toBe(0);

    const outputs = [...filesUnder(runDir), ...filesUnder(baselines), ...filesUnder(history), { file: 'stderr', text: phase.stderr }];
    expect(outputs.map(({ file }) => file.slice(runDir.length + 1))).toEqual(
      expect.arrayContaining(['plan.json', 'summary.json', 'timeline.ndjson.gz', 'server.ndjson', 'engine.log', 'report.md', 'report.html', 'verdict.md', 'verdict.json']),
    );
    expect(outputs.filter(({ file }) => file.startsWith(baselines)).length).toBe(2);
    expect(outputs.filter(({ file }) => file.startsWith(history)).length).toBe(1);
    for (const { file, text } of outputs) {
      expect({ file, leaks: [SECRET, TOKEN].filter((secret) => text.includes(secret)) }).toEqual({ file, leaks: [] });
    }
  });

  it('records the addresses masked, not dropped: userinfo as ****:**** and the token as ****', () => {
    const plan = JSON.parse(readFileSync(join(runDir, 'plan.json'), 'utf8'));
    const { host } = new URL(shop.url);
    expect(plan.target.baseUrl).toBe(`http://****:****@${host}`);
    expect(plan.env.LOADBOOK_TARGET).toBe(`http://****:****@${host}`);
    expect(plan.config.target.wsUrl).toBe(`ws://****:****@${host}/ws?token=****`);
    expect(JSON.parse(plan.env.LOADBOOK_CONFIG)).toEqual(plan.config);
  });

  it('lets the samplers scrape the metrics endpoint with its credentials, and name it masked', () => {
    const { host } = new URL(shop.url);
    const samples = readFileSync(join(runDir, 'server.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(samples.filter((sample) => sample.kind === 'sampler-error')).toEqual([]);
    expect(samples.find((sample) => sample.kind === 'saturation')?.source).toBe(`http://****:****@${host}/metrics?token=****`);
  });
});
