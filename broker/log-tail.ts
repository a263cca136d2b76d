import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

/** The last `lines` lines of a log file, for error messages; '(empty)' when there are none. */
export function logTail(file: string, lines = 20, maxBytes = 16_384): string {
  if (!existsSync(file)) return '(no log file)';
  const size = statSync(file).size;
  const length = Math.min(size, maxBytes);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  const text = buffer.toString('utf8').trimEnd();
  return text ? text.split('\n').slice(-lines).join('\n') : '(empty)';
}
