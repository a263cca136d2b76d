import { readFile } from 'node:fs/promises';
import { jsonSyntaxReason } from '../../engine/errors.ts';
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
  return validateBaseline(value, file, FIX);
}
