import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readK6Summary } from '../../../../reports/sources/read-k6-summary.ts';
import { fixture } from './k6-fixture.ts';

describe('readK6Summary', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'k6-summary-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const write = async (name: string, text: string) => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  };

  it('reads k6 handleSummary JSON', async () => {
    const summary = await readK6Summary(fixture('k6-summary.json'));
    expect(summary.state.testRunDurationMs).toBe(4012.3382);
    expect(summary.root_group.checks[0]).toMatchObject({ name: 'status is 200', passes: 30, fails: 6 });
    expect(summary.metrics['http_req_duration']).toMatchObject({ type: 'trend', contains: 'time', values: { 'p(95)': 133.9 } });
    expect(summary.metrics['http_req_failed']?.thresholds).toEqual({ 'rate<0.01': { ok: false } });
    expect(Object.keys(summary.metrics)).toContain('http_req_duration{expected_response:true}');
  });

  it("reads the engine's own summary.json, which has the same shape", async () => {
    const summary = await readK6Summary(fileURLToFixture('summary/product-get-summary.json'));
    expect(summary.metrics['checks']?.type).toBe('rate');
  });

  it('fails with one line naming the file and what was expected', async () => {
    const base = JSON.parse(await readFile(fixture('k6-summary.json'), 'utf8'));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a deliberately broken copy
    const broken = (mutate: (data: any) => void) => {
      const copy = structuredClone(base);
      mutate(copy);
      return JSON.stringify(copy);
    };
    const cases: [string, string, RegExp][] = [
      ['not-json.json', '{"metrics":', /^.*not-json\.json: expected handleSummary JSON \(/],
      ['array.json', '[]', /array\.json: expected the summary \(handleSummary data\) to be an object; found \[\]$/],
      [
        'counter.json',
        broken((d) => delete d.metrics.http_reqs.values.count),
        /counter\.json: expected metrics\["http_reqs"\]\.values\.count to be a number; found nothing$/,
      ],
      ['type.json', broken((d) => (d.metrics.vus.type = 'histogram')), /type\.json: expected metrics\["vus"\]\.type to be counter, gauge, rate or trend; found "histogram"$/],
      ['check.json', broken((d) => (d.root_group.checks[0].passes = '30')), /check\.json: expected root_group\.checks\[0\]\.passes to be a number; found "30"$/],
      ['threshold.json', broken((d) => (d.metrics.http_req_failed.thresholds['rate<0.01'] = { ok: 'no' })), /threshold\.json: expected metrics\["http_req_failed"\]\.thresholds\["rate<0\.01"\]\.ok to be true or false/],
      ['state.json', broken((d) => delete d.state), /state\.json: expected state to be an object; found nothing$/],
    ];
    for (const [name, text, message] of cases) {
      const error = await readK6Summary(await write(name, text)).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
    await expect(readK6Summary(path.join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: cannot read the file/);
  });
});

function fileURLToFixture(relative: string): string {
  return path.join(path.dirname(fixture('x')), '..', relative);
}
