import { describe, expect, it } from 'vitest';
import { parseRunArgs } from '../../../../engine/cli/parse-run-args.ts';
import { OptionsError } from '../../../../engine/errors.ts';

describe('parseRunArgs', () => {
  it('reads a bare script with every default', () => {
    expect(parseRunArgs(['scenarios/product-get.ts'], {})).toEqual({
      help: false,
      verbose: false,
      request: {
        script: 'scenarios/product-get.ts',
        env: {},
        includeSystemEnv: true,
        options: { vus: undefined, duration: undefined, iterations: undefined, tags: {}, summaryTrendStats: undefined },
        outputs: undefined,
        noSummary: false,
        quiet: false,
        workers: undefined,
        runDir: undefined,
        tracing: undefined,
        allowHosts: [],
      },
    });
  });

  it.each<[string[], Record<string, unknown>]>([
    [['--vus', '10'], { options: expect.objectContaining({ vus: 10 }) }],
    [['-u', '3'], { options: expect.objectContaining({ vus: 3 }) }],
    [['--vus=4'], { options: expect.objectContaining({ vus: 4 }) }],
    [['--duration', '1m30s'], { options: expect.objectContaining({ duration: '1m30s' }) }],
    [['-d', '30s'], { options: expect.objectContaining({ duration: '30s' }) }],
    [['--iterations', '100'], { options: expect.objectContaining({ iterations: 100 }) }],
    [['-i', '7'], { options: expect.objectContaining({ iterations: 7 }) }],
    [['-e', 'BASE_URL=http://localhost:3000', '--env', 'TOKEN=a=b', '-e', 'EMPTY='], { env: { BASE_URL: 'http://localhost:3000', TOKEN: 'a=b', EMPTY: '' } }],
    [['-e', 'A=1', '-e', 'A=2'], { env: { A: '2' } }],
    [['--tag', 'team=shop', '--tag', 'phase=smoke'], { options: expect.objectContaining({ tags: { team: 'shop', phase: 'smoke' } }) }],
    [['--out', 'json=out.json.gz'], { outputs: ['json=out.json.gz'] }],
    [['-o', 'json=a.json', '-o', 'json=b.json'], { outputs: ['json=a.json', 'json=b.json'] }],
    [['--summary-trend-stats', 'avg, med,p(95),p(99.9)'], { options: expect.objectContaining({ summaryTrendStats: ['avg', 'med', 'p(95)', 'p(99.9)'] }) }],
    [['--no-summary'], { noSummary: true }],
    [['--quiet'], { quiet: true }],
    [['-q'], { quiet: true }],
    [['--workers', '4'], { workers: 4 }],
    [['--run-dir', 'out/runs/x'], { runDir: 'out/runs/x' }],
    [['--no-system-env'], { includeSystemEnv: false }],
    [['--tracing'], { tracing: { exemplarsPerScenario: 10 } }],
    [['--tracing', '--exemplars', '3'], { tracing: { exemplarsPerScenario: 3 } }],
    [['--exemplars', '25'], { tracing: { exemplarsPerScenario: 25 } }],
    [['--allow-hosts', 'staging.internal, 10.1.2.3'], { allowHosts: ['staging.internal', '10.1.2.3'] }],
    [['--allow-hosts=[fd00::5],fd00::6'], { allowHosts: ['[fd00::5]', 'fd00::6'] }],
  ])('reads %j after the script', (flags, expected) => {
    expect(parseRunArgs(['script.ts', ...flags]).request).toMatchObject({ script: 'script.ts', ...expected });
  });

  it('reads flags before the script as well as after it', () => {
    expect(parseRunArgs(['--vus', '2', 'script.ts', '-d', '5s']).request).toMatchObject({
      script: 'script.ts',
      options: { vus: 2, duration: '5s' },
    });
  });

  it.each([
    [['script.ts', '--verbose'], { verbose: true, help: false }],
    [['script.ts', '-v'], { verbose: true, help: false }],
    [['--help'], { verbose: false, help: true }],
    [['-h'], { verbose: false, help: true }],
  ])('reads %j as %j without needing a script for help', (argv, expected) => {
    expect(parseRunArgs(argv)).toMatchObject(expected);
  });

  it.each<[string, string[], RegExp]>([
    ['an unknown long flag', ['script.ts', '--bogus'], /Unknown option '--bogus'.*loadbook run --help/],
    ['an unknown short flag', ['script.ts', '-x'], /Unknown option '-x'/],
    ['a flag missing its value', ['script.ts', '--duration'], /'-d, --duration <value>' argument missing/],
    ['a value given to a switch', ['script.ts', '--quiet=yes'], /--quiet' does not take an argument/],
    ['no script', [], /expected exactly one SCRIPT argument, got none/],
    ['two scripts', ['a.ts', 'b.ts'], /expected exactly one SCRIPT argument, got "a\.ts" "b\.ts"/],
    ['negative VUs', ['script.ts', '--vus', '-3'], /^invalid --vus "-3"; expected a whole number ≥ 1$/],
    ['negative VUs given short', ['script.ts', '-u', '-3'], /^invalid --vus "-3"; expected a whole number ≥ 1$/],
    ['negative VUs joined by =', ['script.ts', '--vus=-3'], /^invalid --vus "-3"/],
    ['zero VUs', ['script.ts', '--vus', '0'], /^invalid --vus "0"/],
    ['fractional VUs', ['script.ts', '--vus', '2.5'], /^invalid --vus "2\.5"/],
    ['VUs that are not a number', ['script.ts', '-u', 'ten'], /^invalid --vus "ten"/],
    ['zero workers', ['script.ts', '--workers', '0'], /^invalid --workers "0"; expected a whole number ≥ 1$/],
    ['negative iterations', ['script.ts', '-i', '-1'], /^invalid --iterations "-1"/],
    ['an env pair without =', ['script.ts', '-e', 'TOKEN'], /^invalid --env "TOKEN"; expected KEY=VALUE$/],
    ['an env pair without a key', ['script.ts', '-e', '=x'], /^invalid --env "=x"; expected KEY=VALUE$/],
    ['zero exemplars', ['script.ts', '--exemplars', '0'], /^invalid --exemplars "0"; expected a whole number ≥ 1$/],
    ['a tag without =', ['script.ts', '--tag', 'team'], /^invalid --tag "team"; expected KEY=VALUE$/],
    [
      'an allowed host with a scheme',
      ['script.ts', '--allow-hosts', 'ok.internal,http://shop'],
      /^invalid --allow-hosts entry "http:\/\/shop"; expected a host name or IP address without scheme, port or path/,
    ],
    ['an allowed host with a port', ['script.ts', '--allow-hosts', 'shop:8080'], /^invalid --allow-hosts entry "shop:8080"/],
  ])('refuses %s with an OptionsError naming it', (_name, argv, message) => {
    let caught: unknown;
    try {
      parseRunArgs(argv);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OptionsError);
    expect((caught as OptionsError).exitCode).toBe(104);
    expect((caught as OptionsError).message).toMatch(message);
  });

  it.each<[string, Record<string, string>, string[], readonly string[]]>([
    ['allows loopback only without the flag or LOADBOOK_ALLOW_HOSTS', {}, [], []],
    ['reads LOADBOOK_ALLOW_HOSTS when the flag is absent', { LOADBOOK_ALLOW_HOSTS: 'a.internal, b.internal' }, [], ['a.internal', 'b.internal']],
    ['lets --allow-hosts win over LOADBOOK_ALLOW_HOSTS', { LOADBOOK_ALLOW_HOSTS: 'a.internal' }, ['--allow-hosts', 'c.internal'], ['c.internal']],
    ['lets an empty --allow-hosts mean loopback only whatever the environment says', { LOADBOOK_ALLOW_HOSTS: 'a.internal' }, ['--allow-hosts', ''], []],
  ])('%s', (_name, env, flags, expected) => {
    expect(parseRunArgs(['script.ts', ...flags], env).request.allowHosts).toEqual(expected);
  });

  it('refuses a bad LOADBOOK_ALLOW_HOSTS entry naming the variable', () => {
    expect(() => parseRunArgs(['script.ts'], { LOADBOOK_ALLOW_HOSTS: 'shop/x' })).toThrow(
      'invalid LOADBOOK_ALLOW_HOSTS entry "shop/x"; expected a host name or IP address without scheme, port or path, such as "staging.example.internal"',
    );
  });

  it('keeps a dash-leading env value that is not a number as the flag parser reads it', () => {
    // Only negative numbers are joined to their flag; "-e -x" stays an error about the ambiguous value.
    expect(() => parseRunArgs(['script.ts', '-e', '-x'])).toThrow(OptionsError);
  });
});
