import { LoadbookError, type ExitCode } from '../errors.ts';

/** Awaits a lifecycle function (setup, teardown), failing with `exitCode` if it outlasts `timeoutMs`. */
export async function callWithTimeout<T>(run: () => T | Promise<T>, timeoutMs: number, what: string, exitCode: ExitCode): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new LoadbookError(`${what} did not finish within ${timeoutMs}ms; raise ${what}Timeout in options or make it faster`, exitCode)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([Promise.resolve().then(run), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
