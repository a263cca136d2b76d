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

/** Plain or gzip-decoded bytes of a file; errors name the file. */
async function openBytes(path: string): Promise<Readable> {
  try {
    const gzip = await isGzipFile(path);
    const file = createReadStream(path, { highWaterMark: 1 << 20 });
    if (!gzip) return file;
    const stream = file.pipe(createGunzip({ chunkSize: 1 << 20 }));
    file.on('error', (error) => stream.destroy(error));
    return stream;
  } catch (error) {
    throw new K6InputError(`${path}: cannot read the file (${(error as Error).message})`);
  }
}

function readError(path: string, error: unknown): K6InputError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const what = code.startsWith('Z_') ? 'a complete gzip stream' : 'a readable file';
  return new K6InputError(`${path}: expected ${what} (${(error as Error).message})`);
}

/**
 * Streams a file's bytes, plain or gzipped (detected by its magic bytes), as buffers of whole lines:
 * each ends just after a newline (or at the end of the file, where a newline is added). Memory holds
 * about one chunk however large the file.
 */
export async function* readByteLineChunks(path: string): AsyncGenerator<Buffer> {
  const stream = await openBytes(path);
  let rest: Buffer | undefined;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const cut = chunk.lastIndexOf(10);
      if (cut < 0) {
        rest = rest ? Buffer.concat([rest, chunk]) : chunk;
        continue;
      }
      yield rest ? Buffer.concat([rest, chunk.subarray(0, cut + 1)]) : chunk.subarray(0, cut + 1);
      rest = cut + 1 < chunk.length ? chunk.subarray(cut + 1) : undefined;
    }
  } catch (error) {
    stream.destroy();
    throw readError(path, error);
  }
  if (rest) yield Buffer.concat([rest, Buffer.from('\n')]);
}
