import type { IncomingMessage } from 'node:http';
import { ShopError } from './shop-error.ts';

/**
 * Reads a request body as UTF-8 text, refusing more than maxBytes so a runaway client cannot make the
 * shop buffer without limit.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      // Keep draining so the response can still be written on a keep-alive connection.
      req.resume();
      reject(new ShopError(`request body too large; expected at most ${maxBytes} bytes, got more than that`));
    };
    req.on('data', onData);
    req.once('end', () => {
      if (size <= maxBytes) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.once('error', reject);
  });
}
