import { mkdirSync, rmSync } from 'node:fs';
import { EXIT, LoadbookError, OptionsError, shown } from '../errors.ts';
import { checkJsonOutput } from '../output/json-output.ts';
import { runTest } from '../run/run-test.ts';
import { parseRunArgs, RUN_HELP } from './parse-run-args.ts';
import { stopOnSignals } from './stop-signals.ts';

const HELP = `Usage: loadbook <command> [flags]

Commands:
  run SCRIPT [flags]   run a k6 script on loadbook's engine (see: loadbook run --help)
  help                 this help`;

/** After a forced stop, time left for the summary to reach stdout before the process exits regardless. */
const FORCED_EXIT_GRACE_MS = 1000;

/**
 * Creates the `--run-dir` folder; a path that cannot be a folder is bad input, not an internal error.
 * @returns the first folder it created, undefined when the folder was there already.
 */
function makeRunDir(runDir: string): string | undefined {
  try {
    return mkdirSync(runDir, { recursive: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new OptionsError(`invalid --run-dir ${shown(runDir)}: cannot create the folder (${reason}); expected a folder path whose parents are folders`);
  }
}

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
    // The run folder first, since `--out` may name a file inside it; refused, nothing of it is left behind.
    const created = parsed.request.runDir === undefined ? undefined : makeRunDir(parsed.request.runDir);
    try {
      checkJsonOutput(parsed.request.outputs);
    } catch (error) {
      if (created) rmSync(created, { recursive: true, force: true });
      throw error;
    }
    // Like k6, `loadbook run` outlives its parent (nohup, a detached job); only the phase scripts follow theirs.
    const stops = stopOnSignals({ say: (line) => process.stderr.write(line + '\n'), watchParent: false });
    const result = await runTest({ ...parsed.request, signal: stops.stop, force: stops.force }).finally(() => stops.dispose());
    // What a forced stop left behind (a teardown, in-flight requests) must not hold the process open.
    if (stops.force.aborted) setTimeout(() => process.exit(result.exitCode), FORCED_EXIT_GRACE_MS).unref();
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
