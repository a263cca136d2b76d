// The verdict's accuracy harness: how often the verdict blocks a change that did nothing (A/A), and how
// often it catches a real slowdown, next to the naive "+20% over one baseline" rule on the same runs.
// Each run is `npm run steady -- --scenario product-get --time-scale 0.03125` (60 s: 3.75 s warm-up,
// 56 s at 100/s) against a fresh shop whose simulated dependency (dependencyMs, lognormal) is slowed by
// latencyFactor 1, 1.1, 1.2 or 1.3, plus A/A runs with an 8 s burst of CPU contention on both cores (a
// noisy CI neighbour). Runs are interleaved across cases and recorded in a manifest as they finish, so an
// interrupted collection resumes. Figures go in the notes, never into a test.
// Usage: npm run bench:verdict-accuracy [-- --out DIR] [--judge-only] [--dependency-ms 20] [--time-scale 0.03125]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ACCURACY_CASES } from './verdict-accuracy/accuracy-cases.ts';
import { writeFileSync } from 'node:fs';
import { accuracyTable } from './verdict-accuracy/accuracy-table.ts';
import { collectRuns, type AccuracyManifest } from './verdict-accuracy/collect-runs.ts';
import { judgeRuns } from './verdict-accuracy/judge-runs.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'out/bench/verdict-accuracy' },
    'judge-only': { type: 'boolean' },
    'dependency-ms': { type: 'string', default: '20' },
    'time-scale': { type: 'string', default: '0.03125' },
  },
});
const outDir = path.resolve(values.out);
mkdirSync(outDir, { recursive: true });
const manifestFile = path.join(outDir, 'manifest.json');
const settings = { timeScale: Number(values['time-scale']), dependencyMs: Number(values['dependency-ms']), scenario: 'product-get' };
const log = (line: string) => process.stderr.write(`${line}\n`);

try {
  const manifest: AccuracyManifest = await collectRuns(manifestFile, settings, values['judge-only'] ? [] : ACCURACY_CASES, log);
  log(`${manifest.runs.length} runs in ${manifestFile}`);
  const pairs = await judgeRuns(manifest, log);
  writeFileSync(path.join(outDir, 'pairs.json'), JSON.stringify(pairs, null, 2) + '\n');
  process.stdout.write(`${accuracyTable(pairs)}\n`);
} catch (error) {
  log(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
