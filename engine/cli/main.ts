import { mkdirSync } from 'node:fs';
import { EXIT, LoadbookError } from '../errors.ts';
import { runTest } from '../run/run-test.ts';
import { parseRunArgs, RUN_HELP } from './parse-run-args.ts';

const HELP = `Usage: loadbook <command> [flags]

Commands:
  run SCRIPT [flags]   run a k6 script on loadbook's engine (see: loadbook run --help)
  help                 this help`;

/** `loadbook` entry: returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP + '\n');
    return command === undefined ? EXIT.invalidConfig : EXIT.ok;
  }
  if (command !== 'run') {
    process.stderr.write(`unknown command "${command}"; expected "run"; see loadbook --help\n`);
    return EXIT.invalidConfig;
  }
  let verbose = rest.includes('--verbose') || rest.includes('-v');
  try {
    const parsed = parseRunArgs(rest);
    verbose = parsed.verbose;
    if (parsed.help) {
      process.stdout.write(RUN_HELP + '\n');
      return EXIT.ok;
    }
    if (parsed.request.runDir) mkdirSync(parsed.request.runDir, { recursive: true });
    const controller = new AbortController();
    const onSignal = () => controller.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const result = await runTest({ ...parsed.request, signal: controller.signal });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!result.summary && result.error) process.stderr.write(`error: ${result.error}\n`);
    return result.exitCode;
  } catch (error) {
    if (error instanceof LoadbookError) {
      process.stderr.write(`error: ${error.message}\n`);
      if (verbose && error.stack) process.stderr.write(error.stack + '\n');
      return error.exitCode;
    }
    process.stderr.write(`internal error: ${verbose && error instanceof Error ? error.stack : String(error)}\n`);
    return EXIT.scriptException;
  }
}
