import { readFile } from 'node:fs/promises';
import { jsonSyntaxReason } from '../../engine/errors.ts';
import { decodeHistogram } from '../../engine/metrics/hdr.ts';
import type { BaselineDocument } from './baseline-document.ts';
import { BaselineError } from './baseline-error.ts';
import { validateBaseline } from './validate-baseline.ts';

const FIX = 'write it again with npm run baseline, or restore it from git';

/**
 * Reads a baseline's JSON twin, as a verdict compares a run against it.
 *
 * @throws BaselineError with one line naming the file and what is wrong with it: missing, not JSON, or not
 * a baseline of this schema version.
 */
export async function readBaseline(file: string): Promise<BaselineDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new BaselineError(`invalid baseline; expected a readable JSON twin, got "${file}" (${code}); name a .json file in docs/perf/baselines/`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`invalid baseline "${file}"; expected JSON, got ${jsonSyntaxReason(error)}; ${FIX}`);
  }
  return checkHistograms(validateBaseline(value, file, FIX), file);
}

/**
 * The schema checks a histogram is base64; whether its deflate stream decodes only shows when a verdict
 * merges it, so every one is decoded here, where a bad one can still be named by its JSON pointer.
 */
function checkHistograms(doc: BaselineDocument, file: string): BaselineDocument {
  doc.scenarios.forEach(({ histograms: { whole, stages, windows } }, index) => {
    const encoded: [pointer: string, hdr: string | null][] = [
      ['whole', whole],
      ...stages.map(({ hdr }, at): [string, string] => [`stages/${at}/hdr`, hdr]),
      ...windows.map(({ hdr }, at): [string, string] => [`windows/${at}/hdr`, hdr]),
    ];
    for (const [pointer, hdr] of encoded) {
      if (hdr === null) continue;
      try {
        decodeHistogram(hdr);
      } catch (error) {
        throw new BaselineError(
          `invalid /scenarios/${index}/histograms/${pointer} in ${file}; expected an HDR histogram in compressed base64, ` +
            `got one that cannot be decoded (${(error as Error).message}); ${FIX}`,
        );
      }
    }
  });
  return doc;
}
