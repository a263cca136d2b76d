import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { firstLine, startTs } from './process-helpers.ts';

const MAIN = fileURLToPath(new URL('../../../shop/main.ts', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../../scripts/shop.ts', import.meta.url));

describe('shop/main.ts', () => {
  it('prints exactly one listening line and exits 0 on SIGTERM', async () => {
    const child = startTs(MAIN, ['--products', '10']);
    const line = await firstLine(child);
    expect(JSON.parse(line)).toEqual({ event: 'listening', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    child.kill('SIGTERM');
    const exit = await child.exited;
    expect(exit.code).toBe(0);
    expect(exit.stdout).toBe(`${line}\n`);
  });

  it('adds the gRPC address to the listening line when given --grpc-port', async () => {
    const child = startTs(MAIN, ['--products', '10', '--grpc-port', '0']);
    const listening = JSON.parse(await firstLine(child));
    child.kill('SIGTERM');
    expect(listening).toEqual({
      event: 'listening',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      grpcAddress: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
    });
    expect((await child.exited).code).toBe(0);
  });

  it('exits 1 with one line saying what to do when the Kafka brokers cannot be reached', async () => {
    // Port 1 on loopback refuses connections at once.
    const exit = await startTs(MAIN, ['--products', '1'], { SHOP_KAFKA_BROKERS: '127.0.0.1:1' }).exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(/^shop: cannot use Kafka brokers 127\.0\.0\.1:1 \(.*\); start a broker .* to run without Kafka\n$/);
  });

  it.each([
    [['--port', 'eighty'], 'shop: invalid --port; expected an integer from 0 to 65535, got "eighty"; run with --help for usage'],
    [
      ['--verbose'],
      'shop: unknown flag "--verbose"; expected --port N, --host H, --products N, --grpc-port N, --kafka-brokers LIST or --help; run with --help for usage',
    ],
  ])('exits 2 with one line on stderr for %j', async (args, message) => {
    const exit = await startTs(MAIN, args).exited;
    expect(exit).toMatchObject({ code: 2, stdout: '', stderr: `${message}\n` });
  });

  it('exits 2 naming the variable when SHOP_FAULTS is invalid', async () => {
    const exit = await startTs(MAIN, [], { SHOP_FAULTS: '{"errorRate":' }).exited;
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(/^shop: invalid JSON in SHOP_FAULTS; .*; fix or unset SHOP_FAULTS\n$/);
  });
});

describe('scripts/shop.ts', () => {
  it('prints the URL, serves, and stops on Ctrl-C', async () => {
    const child = startTs(SCRIPT, ['--products', '10']);
    const url = await firstLine(child);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    child.kill('SIGINT');
    expect((await child.exited).code).toBe(0);
  });

  it('prints usage for --help', async () => {
    const exit = await startTs(SCRIPT, ['--help']).exited;
    expect(exit.code).toBe(0);
    expect(exit.stdout).toMatch(/^Usage: npm run shop/);
  });

  it('exits 2 with one line on stderr for a bad flag', async () => {
    const exit = await startTs(SCRIPT, ['--products', 'many']).exited;
    expect(exit).toMatchObject({ code: 2, stderr: 'shop: invalid --products; expected an integer from 1 to 10000000, got "many"; run with --help for usage\n' });
  });
});
