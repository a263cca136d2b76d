import { describePartial, type RunFacts } from '../../analysis/run-analysis.ts';
import { formatNumber } from '../../render/format.ts';
import { code, strong, text, type RichText } from '../report-block.ts';
import type { ReportSection } from '../report-section.ts';

/** Characters of the config hash a reader needs to tell two configs apart. */
const SHORT_HASH = 12;

function fact(name: string, value: RichText): RichText {
  return [strong(`${name}:`), text(' '), ...(typeof value === 'string' ? [text(value)] : value)];
}

function stagesText(stages: RunFacts['stages']): string {
  return stages.map((stage) => `${stage.label} ${formatNumber(stage.startS)}–${formatNumber(stage.endS)} s`).join(', ');
}

function loadGenerator(run: RunFacts): string | undefined {
  if (run.cores === undefined && run.workers === undefined) return undefined;
  const cores = run.cores === undefined ? 'cores unknown' : `${run.cores} ${run.cores === 1 ? 'core' : 'cores'}`;
  const workers = run.workers === undefined ? '' : `, ${run.workers} engine ${run.workers === 1 ? 'worker' : 'workers'}`;
  return cores + workers;
}

/** The report's title (phase and run id) and the facts a reader needs to trust or reproduce the run. */
export const runFactsSection: ReportSection = {
  render({ run, phase, startedAt, seconds, partial }) {
    const title = run.source === 'k6' ? `k6 run ${run.id}` : `${phase.charAt(0).toUpperCase()}${phase.slice(1)} run ${run.id}`;
    const generator = loadGenerator(run);
    const facts: (RichText | undefined)[] = [
      fact('Source', run.source === 'k6' ? 'stock k6 output' : 'loadbook engine run folder'),
      run.target === undefined ? undefined : fact('Target', [code(run.target)]),
      run.baselineRate === undefined ? undefined : fact('Baseline rate', `${formatNumber(run.baselineRate)} iterations/s`),
      run.source === 'k6' ? undefined : fact('Time scale', run.timeScale === 1 ? '1 (real durations)' : `${run.timeScale} (every duration × ${run.timeScale})`),
      fact('Started', `${new Date(startedAt).toISOString()}, ${formatNumber(seconds, 0)} s analysed`),
      run.stages.length === 0 ? undefined : fact('Stages', stagesText(run.stages)),
      run.configSha256 === undefined ? undefined : fact('Config', [text('sha256 '), code(run.configSha256.slice(0, SHORT_HASH))]),
      generator === undefined ? undefined : fact('Load generator', generator),
    ];
    return [
      { kind: 'heading', level: 1, text: title },
      ...(partial ? [{ kind: 'paragraph' as const, text: [strong('Partial run:'), text(` ${describePartial(partial)}; its numbers cover less than the plan.`)] }] : []),
      { kind: 'list', items: facts.filter((item) => item !== undefined) },
    ];
  },
};
