import { mkdtempSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest } from '../../../engine/index.ts';
import { startDelayServer, type DelayServer } from '../../support/delay-server.ts';

const LIFECYCLE = new URL('../../fixtures/scripts/lifecycle.ts', import.meta.url).pathname;

describe('the k6 lifecycle on the engine', () => {
  let server: DelayServer;
  let runDir: string;
  beforeAll(async () => {
    server = await startDelayServer(2);
    runDir = mkdtempSync(path.join(tmpdir(), 'loadbook-lifecycle-'));
  });
  afterAll(() => server.close());

  it('passes setup data to every iteration, nests groups and checks, and hands handleSummary the summary', async () => {
    const summaryFile = path.join(runDir, 'handled.json');
    const jsonOut = path.join(runDir, 'points.json.gz');
    const result = await runTest({
      script: LIFECYCLE,
      env: { TARGET: server.url, SUMMARY_FILE: summaryFile },
      runDir,
      outputs: [`json=${jsonOut}`],
      workers: 2,
      quiet: true,
      stdout: () => {},
    });
    expect(result.exitCode).toBe(0);
    const summary = result.summary!;
    expect(summary.setup_data).toEqual({ token: 'abc', status: 200 });
    expect((summary.metrics.iterations!.values as { count: number }).count).toBe(6);
    expect(summary.metrics['checks{check:setup token echoed}']!.thresholds).toEqual({ 'rate==1': { ok: true } });
    const browse = summary.root_group.groups.find((group) => group.name === 'browse')!;
    expect(browse.path).toBe('::browse');
    expect(browse.checks).toEqual([expect.objectContaining({ name: 'browse is 200', passes: 6, fails: 0 })]);
    expect(summary.root_group.checks).toEqual([expect.objectContaining({ name: 'setup token echoed', passes: 6, fails: 0 })]);
    // VU ids 1 and 2 each ran 3 iterations: 3·1 + 3·2.
    expect((summary.metrics.vu_ids_seen!.values as { count: number }).count).toBe(9);
    expect(summary.metrics.custom_wait!.contains).toBe('time');

    const onDisk = JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8'));
    expect(onDisk.metrics.http_reqs.values.count).toBe(7);
    expect(JSON.parse(readFileSync(summaryFile, 'utf8')).metricNames).toContain('group_duration');

    const points = gunzipSync(readFileSync(jsonOut)).toString('utf8').trim().split('\n').map((line) => JSON.parse(line));
    const requestPoints = points.filter((line) => line.type === 'Point' && line.metric === 'http_reqs');
    expect(requestPoints).toHaveLength(6);
    expect(requestPoints[0].data.tags).toMatchObject({ name: 'browse', group: '::browse', scenario: 'looped', kind: 'closed', status: '200' });
    const firstPoint = points.findIndex((line) => line.type === 'Point' && line.metric === 'http_reqs');
    const metricLine = points.findIndex((line) => line.type === 'Metric' && line.metric === 'http_reqs');
    expect(metricLine).toBeLessThan(firstPoint);

    const timeline = gunzipSync(readFileSync(path.join(runDir, 'timeline.ndjson.gz'))).toString('utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(timeline[0]).toMatchObject({ kind: 'header', hdrUnit: 'us' });
    const durations = timeline.filter((record) => record.metric === 'http_req_duration');
    expect(durations.reduce((sum, record) => sum + record.count, 0)).toBe(7);
    expect(durations.every((record) => typeof record.hdr === 'string')).toBe(true);
  });
});
