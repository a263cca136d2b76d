import { describe, expect, it } from 'vitest';
import { parseReportArgs, ReportError } from '../../../../reports/report/index.ts';

describe('parseReportArgs', () => {
  it.each([
    [[], { kind: 'run', run: undefined, outDir: undefined }],
    [['20261129-031502-spike-k3v9qa'], { kind: 'run', run: '20261129-031502-spike-k3v9qa', outDir: undefined }],
    [['out/runs/x', '--out', '/tmp/r'], { kind: 'run', run: 'out/runs/x', outDir: '/tmp/r' }],
    [['--k6-json', 'run.json', '--out', 'r'], { kind: 'k6', jsonFile: 'run.json', summaryFile: undefined, outDir: 'r' }],
    [['--k6-json', 'run.json.gz', '--k6-summary', 's.json', '--out', 'r'], { kind: 'k6', jsonFile: 'run.json.gz', summaryFile: 's.json', outDir: 'r' }],
  ])('reads %j as a report on %j', (argv, input) => {
    expect(parseReportArgs(argv)).toEqual({ kind: 'report', input });
  });

  it.each([['--help'], ['-h'], ['run', '--help']])('reads %j as a request for help', (...argv) => {
    expect(parseReportArgs(argv)).toEqual({ kind: 'help' });
  });

  it.each([
    [['--k6-json', 'run.json'], 'missing --out; expected a folder for the report of "run.json"; run with --help'],
    [['--k6-summary', 's.json'], 'invalid --k6-summary; expected it with --k6-json FILE, got it alone ("s.json"); run with --help'],
    [['a', 'b'], 'invalid RUN; expected at most one run folder, got 2: a b; run with --help'],
    [['a', '--k6-json', 'run.json', '--out', 'r'], 'invalid RUN; expected no run folder with --k6-json, got "a"; run with --help'],
    [['--out'], /^Option '--out <value>' argument missing; run with --help$/],
    [['--colour'], /^Unknown option '--colour'.*; run with --help$/],
  ])('refuses %j: %s', (argv, message) => {
    let thrown: unknown;
    try {
      parseReportArgs(argv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ReportError);
    expect((thrown as Error).message).toMatch(typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message);
  });
});
