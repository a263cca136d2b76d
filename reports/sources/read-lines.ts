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

/**
 * Streams a text file, plain or gzipped (detected by its magic bytes), as chunks of whole lines: each
 * chunk ends just after a newline (or at the end of the file), so memory holds one chunk however large
 * the file. Callers walk the lines with indexOf('\n') instead of splitting them into strings.
 */
export async function* readLineChunks(path: string): AsyncGenerator<string> {
  let stream: Readable;
  try {
    const gzip = await isGzipFile(path);
    const file = createReadStream(path, { highWaterMark: 1 << 20 });
    stream = gzip ? file.pipe(createGunzip({ chunkSize: 1 << 20 })) : file;
    if (gzip) file.on('error', (error) => stream.destroy(error));
  } catch (error) {
    throw new K6InputError(`${path}: cannot read the file (${(error as Error).message})`);
  }
  stream.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const cut = chunk.lastIndexOf('\n');
      if (cut < 0) {
        rest += chunk;
        continue;
      }
      const text = rest + chunk.slice(0, cut + 1);
      rest = chunk.slice(cut + 1);
      yield text;
    }
  } catch (error) {
    stream.destroy();
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const what = code.startsWith('Z_') ? 'a complete gzip stream' : 'a readable file';
    throw new K6InputError(`${path}: expected ${what} (${(error as Error).message})`);
  }
  if (rest) yield rest + '\n';
}
