import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BaselineDocument } from './baseline-document.ts';
import { BaselineError } from './baseline-error.ts';
import { baselineStem } from './baseline-stem.ts';
import { renderBaselineMarkdown } from './render-baseline-markdown.ts';
import { loadTemplates, type TemplateSources } from './load-templates.ts';
import { validateBaseline } from './validate-baseline.ts';

/** Where baselines are kept (docs/runbook.md §3), relative to the working directory. */
export const DEFAULT_BASELINES_DIR = 'docs/perf/baselines';

/** Most baselines of one phase on one day; far above any real need, it bounds the search for a free name. */
const MAX_PER_DAY = 1000;

/** What writeBaseline needs besides the document. */
export interface WriteBaselineOptions {
  /**
   * Folder the two files go in; created if missing.
   * @default 'docs/perf/baselines'
   */
  dir?: string;
  /**
   * Templates to render with.
   * @default the built-in templates (loadTemplates())
   */
  templates?: TemplateSources;
}

/** The two files a baseline is. */
export interface WrittenBaseline {
  markdownPath: string;
  jsonPath: string;
}

const isExists = (error: unknown) => (error as NodeJS.ErrnoException).code === 'EEXIST';

/**
 * Creates `path` whole or not at all: the content goes to a hidden temporary file in the same folder,
 * which is then hard-linked to `path`. `link` is atomic and fails with EEXIST when the name is taken, so
 * a reader never sees half a file, a process killed mid-write leaves no file under the name, and nothing
 * is ever overwritten (a `rename` would replace).
 */
function createWhole(path: string, content: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    linkSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Writes a baseline: `<dir>/<phase>-<yyyy-mm-dd>[-n].md` and its JSON twin `.json` with the same stem.
 * Never overwrites, and never leaves half a file: each is created whole (createWhole) under the first stem
 * with neither file taken, the markdown first, so a twin on disk always has its markdown; when the twin
 * cannot be written, the markdown this call created is removed again. The twin is validated
 * (as it will be read back) and the markdown rendered before either is written.
 *
 * @throws BaselineError when the document is not a valid baseline or a template fails.
 */
export function writeBaseline(doc: BaselineDocument, options: WriteBaselineOptions = {}): WrittenBaseline {
  const dir = options.dir ?? DEFAULT_BASELINES_DIR;
  // Validate what will be on disk: JSON turns NaN and Infinity into null, which the schema refuses.
  const json = JSON.stringify(doc, null, 2) + '\n';
  validateBaseline(JSON.parse(json), `the baseline of run ${JSON.stringify(doc.run.id)}`, "analyse the run again; if it persists, it is a bug in loadbook's analysis");
  const templates = options.templates ?? loadTemplates();
  const render = (stem: string) => renderBaselineMarkdown(doc, `${stem}.json`, templates);
  let markdown = render(baselineStem(doc.phase, doc.date));
  mkdirSync(dir, { recursive: true });

  for (let n = 1; n <= MAX_PER_DAY; n++) {
    const stem = baselineStem(doc.phase, doc.date, n);
    const markdownPath = join(dir, `${stem}.md`);
    const jsonPath = join(dir, `${stem}.json`);
    if (n > 1) markdown = render(stem);
    try {
      createWhole(markdownPath, markdown);
    } catch (error) {
      if (isExists(error)) continue;
      throw error;
    }
    try {
      createWhole(jsonPath, json);
    } catch (error) {
      rmSync(markdownPath, { force: true });
      if (isExists(error)) continue;
      throw error;
    }
    return { markdownPath, jsonPath };
  }
  throw new BaselineError(
    `no free baseline name in ${dir}; expected fewer than ${MAX_PER_DAY} baselines of ${doc.phase} on ${doc.date}; move old ones away`,
  );
}
