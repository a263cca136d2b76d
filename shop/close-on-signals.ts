/**
 * Closes a foreground server on SIGINT or SIGTERM and exits 0 once it has closed (1 if closing failed).
 * A second signal while closing exits at once, for when close hangs and the user presses Ctrl-C again.
 *
 * @returns the same shutdown, for other triggers such as a parent process disconnecting
 */
export function closeOnSignals(close: () => Promise<void>, log: (line: string) => void): (reason: string) => void {
  let closing = false;
  const shutdown = (reason: string): void => {
    if (closing) {
      log(`shop: ${reason} again while closing; exiting now`);
      process.exit(1);
    }
    closing = true;
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shop: failed to close cleanly after ${reason}: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return shutdown;
}
