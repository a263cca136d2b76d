/**
 * The shop as a child process, for spawnShop and anything else that needs it out of process:
 *
 *   node --import tsx shop/main.ts [--port N] [--host H] [--products N]
 *
 * Once listening it prints exactly one line to stdout, {"event":"listening","url":"http://..."}, which is
 * how a parent learns the port. Faults come from the SHOP_FAULTS variable. Bad flags exit 2.
 */
import { closeOnSignals } from './close-on-signals.ts';
import { parseShopArgs, type ShopArgs } from './parse-shop-args.ts';
import { ShopError } from './shop-error.ts';
import { parseShopFaultsJson, type ShopFaults } from './shop-faults.ts';
import { startShop, type RunningShop } from './start-shop.ts';

const HELP = `Usage: node --import tsx shop/main.ts [flags]

Starts the reference shop and prints {"event":"listening","url":...} once it listens.

Flags:
  --port N      TCP port; 0 picks a free one (default 0)
  --host H      address to listen on (default 127.0.0.1)
  --products N  products to seed (default 10000)
  --help, -h    this text

Environment:
  SHOP_FAULTS   faults to start with, as JSON: {"latencyFactor":2,"extraLatencyMs":50,"errorRate":0.01}
`;

const EXIT_USAGE = 2;
const EXIT_START_FAILED = 1;

function fail(message: string, code: number): never {
  process.stderr.write(`shop: ${message}\n`);
  process.exit(code);
}

/** Exits 2 with the message of a ShopError (the user's mistake); anything else is a bug and propagates. */
function failUsage(error: unknown, nextStep: string): never {
  if (error instanceof ShopError) fail(`${error.message}${nextStep}`, EXIT_USAGE);
  throw error;
}

let args: ShopArgs;
try {
  args = parseShopArgs(process.argv.slice(2));
} catch (error) {
  failUsage(error, ''); // parseShopArgs already says to run --help
}

if (args.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const faultsEnv = process.env['SHOP_FAULTS']?.trim();
let faults: ShopFaults | undefined;
try {
  if (faultsEnv) faults = parseShopFaultsJson(faultsEnv, 'SHOP_FAULTS');
} catch (error) {
  failUsage(error, '; fix or unset SHOP_FAULTS');
}

let shop: RunningShop;
try {
  shop = await startShop({ ...args.options, faults });
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
process.stdout.write(`${JSON.stringify({ event: 'listening', url: shop.url })}\n`);
