/**
 * The shop as a child process, for spawnShop and anything else that needs it out of process:
 *
 *   node --import tsx shop/main.ts [--port N] [--host H] [--products N] [--grpc-port N] [--kafka-brokers LIST]
 *
 * Once listening it prints exactly one line to stdout, which is how a parent learns the ports:
 * {"event":"listening","url":"http://...","grpcAddress":"127.0.0.1:PORT"} (grpcAddress only with
 * --grpc-port). Faults come from SHOP_FAULTS, brokers from --kafka-brokers or SHOP_KAFKA_BROKERS.
 * Bad flags or variables exit 2, a failed start 1, a crash injected by crashAfterS 70.
 */
import { closeOnSignals } from './close-on-signals.ts';
import { parseShopArgs, SHOP_FLAGS_HELP, type ShopArgs } from './parse-shop-args.ts';
import { readShopEnv } from './read-shop-env.ts';
import { ShopError } from './shop-error.ts';
import type { ShopOptions } from './shop-options.ts';
import { startShop, type RunningShop } from './start-shop.ts';

const HELP = `Usage: node --import tsx shop/main.ts [flags]

Starts the reference shop and prints {"event":"listening","url":...,"grpcAddress":...} once it listens.

${SHOP_FLAGS_HELP}
Environment:
  SHOP_FAULTS          faults to start with, as JSON: {"latencyFactor":2,"dependencyMs":5,"extraLatencyMs":50,
                       "errorRate":0.01,"leakMbPerMin":0,"pauseConsumer":false,"crashAfterS":0}
  SHOP_KAFKA_BROKERS   brokers when --kafka-brokers is not given

Exit codes: 0 closed on a signal, 1 could not start, 2 bad flags or variables, 70 crashAfterS.
`;

const EXIT_USAGE = 2;
const EXIT_START_FAILED = 1;

function fail(message: string, code: number): never {
  process.stderr.write(`shop: ${message}\n`);
  process.exit(code);
}

let args: ShopArgs;
let options: ShopOptions;
try {
  args = parseShopArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  // Flags win over the environment; the CLI is the one place where crashAfterS may end the process.
  options = { ...readShopEnv(process.env), ...args.options, exitOnCrash: true };
} catch (error) {
  // A ShopError is the user's mistake and says what to do next; anything else is a bug and propagates.
  if (error instanceof ShopError) fail(error.message, EXIT_USAGE);
  throw error;
}

let shop: RunningShop;
try {
  shop = await startShop(options);
} catch (error) {
  fail(error instanceof ShopError ? error.message : `could not start: ${String(error)}`, EXIT_START_FAILED);
}

const shutdown = closeOnSignals(shop.close, (line) => process.stderr.write(`${line}\n`));
// spawnShop opens an IPC channel only to learn when its parent dies, even by SIGKILL: the channel closes
// and the shop closes with it rather than living on as an orphan. process.send outlives the channel, so
// it also tells a parent that died during startup, whose 'disconnect' fired before anyone listened.
if (typeof process.send === 'function') {
  if (process.connected) process.once('disconnect', () => shutdown('parent disconnected'));
  else shutdown('parent gone before the shop listened');
}

// Printed last: a parent may signal as soon as it reads this line, and until the handlers above exist a
// SIGTERM would kill the shop outright instead of closing it.
const listening = { event: 'listening', url: shop.url, ...(shop.grpcAddress ? { grpcAddress: shop.grpcAddress } : {}) };
process.stdout.write(`${JSON.stringify(listening)}\n`);
