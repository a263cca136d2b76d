import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReport } from '../../../reports/report/create-report.ts';
import { startDelayServer, type DelayServer } from '../../support/delay-server.ts';
import { runCli, type CliResult } from '../../support/run-cli.ts';

const SCRIPT = new URL('../../fixtures/scripts/secret-headers.ts', import.meta.url).pathname;
const SECRET = 'S3CR3T-9f2c1d';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Every file under `dir`, gzip inflated, as text. */
function filesUnder(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(join(dir, file)).isFile())
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      return { file, text: (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8') };
    });
}

describe('credentials a script sends in headers and cookies', () => {
  const work = mkdtempSync(join(tmpdir(), 'loadbook-secret-headers-'));
  const runDir = join(work, 'run');
  const reportDir = join(work, 'report');
  let server: DelayServer;
  let result: CliResult;
  beforeAll(async () => {
    server = await startDelayServer(2);
    const closed = `http://127.0.0.1:${await closedPort()}`;
    result = await runCli(
      ['run', SCRIPT, '-q', '--tracing', '--run-dir', runDir, '--out', `json=${join(runDir, 'k6.json.gz')}`, '-e', `TARGET=${server.url}`, '-e', `CLOSED=${closed}`, '-e', `SECRET=${SECRET}`],
      {},
    );
    await createReport({ kind: 'k6', jsonFile: join(runDir, 'k6.json.gz'), summaryFile: undefined, outDir: reportDir });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('appear in no output: summary, timeline, k6 JSON, exemplars, engine log, report or terminal', () => {
    expect(result.code).toBe(0);
    expect(server.requests()).toBeGreaterThanOrEqual(6);
    const outputs = [...filesUnder(runDir), ...filesUnder(reportDir), { file: 'stdout', text: result.stdout }, { file: 'stderr', text: result.stderr }];
    expect(outputs.map(({ file }) => file)).toEqual(expect.arrayContaining(['summary.json', 'timeline.ndjson.gz', 'k6.json.gz', 'exemplars.json', 'engine.log', 'report.md', 'report.html']));
    for (const { file, text } of outputs) expect({ file, leaks: text.includes(SECRET) }).toEqual({ file, leaks: false });
  });
});
