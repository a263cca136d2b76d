import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { K6InputError } from './k6-input-error.ts';

/** True when the file starts with gzip's magic bytes (1f 8b), whatever its name. */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** The gzip-decoded bytes of a file, in large chunks. */
function gunzipped(path: string): Readable {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = file.pipe(createGunzip({ chunkSize: 1 << 20 }));
  file.on('error', (error) => stream.destroy(error));
  return stream;
}

function readError(path: string, error: unknown): K6InputError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const what = code.startsWith('Z_') ? 'a complete gzip stream' : 'a readable file';
  return new K6InputError(`${path}: expected ${what} (${(error as Error).message})`);
}

/** Bytes read per call from a plain file; lines longer than this grow the buffer. */
const READ_BYTES = 4 << 20;

/**
 * A plain file's whole lines, read into one buffer that is reused: no allocation per chunk, so a
 * large file does not keep the garbage collector busy with megabytes of finished chunks.
 */
async function* plainLineChunks(path: string): AsyncGenerator<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new K6InputError(`${path}: cannot read the file (${(error as Error).message})`);
  }
  let buf = Buffer.allocUnsafe(READ_BYTES);
  let filled = 0;
  try {
    for (;;) {
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buf, filled, buf.length - filled, null));
      } catch (error) {
        throw readError(path, error);
      }
      if (bytesRead === 0) break;
      const cut = buf.lastIndexOf(10, filled + bytesRead - 1);
      filled += bytesRead;
      if (cut < 0) continue;
      yield buf.subarray(0, cut + 1);
      buf.copyWithin(0, cut + 1, filled);
      filled -= cut + 1;
    }
    if (filled > 0) {
      if (filled === buf.length) buf = Buffer.concat([buf, Buffer.from('\n')]);
      else buf[filled] = 10;
      yield buf.subarray(0, filled + 1);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Streams a file's bytes, plain or gzipped (detected by its magic bytes), as buffers of whole lines:
 * each ends just after a newline (or at the end of the file, where a newline is added). Memory holds
 * about one chunk however large the file. A buffer is only valid until the next one is asked for: the
 * plain path reads into the same memory again.
 */
export async function* readByteLineChunks(path: string): AsyncGenerator<Buffer> {
  let gzip: boolean;
  try {
    gzip = await isGzipFile(path);
  } catch (error) {
    throw new K6InputError(`${path}: cannot read the file (${(error as Error).message})`);
  }
  if (!gzip) {
    yield* plainLineChunks(path);
    return;
  }
  // The decoded chunks are copied after the previous chunk's unfinished line, into one reused buffer.
  const stream = gunzipped(path);
  let buf = Buffer.allocUnsafe(READ_BYTES);
  let filled = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (filled + chunk.length > buf.length) {
        const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, filled + chunk.length));
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      chunk.copy(buf, filled);
      const cut = buf.lastIndexOf(10, filled + chunk.length - 1);
      filled += chunk.length;
      if (cut < 0) continue;
      yield buf.subarray(0, cut + 1);
      buf.copyWithin(0, cut + 1, filled);
      filled -= cut + 1;
    }
  } catch (error) {
    stream.destroy();
    throw readError(path, error);
  }
  if (filled > 0) yield Buffer.concat([buf.subarray(0, filled), Buffer.from('\n')]);
}
