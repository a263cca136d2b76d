import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readByteLineChunks } from '../../../../reports/sources/read-lines.ts';

/** Joins the chunks, copying each before the next is read (the plain path reuses its buffer). */
async function readBack(file: string): Promise<{ text: string; chunks: number; whole: boolean }> {
  const parts: Buffer[] = [];
  let whole = true;
  for await (const chunk of readByteLineChunks(file)) {
    whole &&= chunk[chunk.length - 1] === 10;
    parts.push(Buffer.from(chunk));
  }
  return { text: Buffer.concat(parts).toString('utf8'), chunks: parts.length, whole };
}

describe('readByteLineChunks', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'read-lines-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const long = 'x'.repeat(9 << 20);
  const many = Array.from({ length: 200_000 }, (_, i) => `{"line":${i},"pad":"${'p'.repeat(i % 50)}"}`).join('\n') + '\n';
  it.each([
    ['an empty file', '', ''],
    ['one line without a final newline', 'abc', 'abc\n'],
    ['CRLF lines, kept as they are', 'a\r\nb\r\n', 'a\r\nb\r\n'],
    ['a line longer than the read buffer, between short ones', `a\n${long}\nb`, `a\n${long}\nb\n`],
    ['many lines across several reads', many, many],
    ['non-ASCII text', 'café\n名前', 'café\n名前\n'],
  ])('yields whole lines of %s, plain and gzipped', async (_name, content, expected) => {
    const plain = path.join(dir, 'plain.txt');
    const gz = path.join(dir, 'lines.gz');
    await writeFile(plain, content);
    await writeFile(gz, gzipSync(Buffer.from(content)));
    for (const file of [plain, gz]) {
      const { text, whole } = await readBack(file);
      expect(text).toBe(expected);
      expect(whole).toBe(true);
    }
  });

  it('names a missing file', async () => {
    await expect(readBack(path.join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: cannot read the file/);
  });
});
