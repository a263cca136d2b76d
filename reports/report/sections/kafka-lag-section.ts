import type { StageLabel } from '../../../phases/index.ts';
import type { RunAnalysis } from '../../analysis/run-analysis.ts';
import { whyNoKafkaLag } from '../../charts/index.ts';
import { formatNumber } from '../../render/format.ts';
import { left, right, type Block } from '../report-block.ts';
import type { ReportSection } from '../report-section.ts';

/**
 * Consumer lag per group: the most messages waiting at any sample, overall and per stage. A group whose
 * lag could not be measured reads "unknown" and says why, never 0.
 */
export const kafkaLagSection: ReportSection = {
  render(analysis) {
    const heading = { kind: 'heading', level: 2, text: 'Kafka consumer lag' } as const;
    const notes = unmeasured(analysis);
    if (analysis.kafkaLag.length === 0) {
      if (notes.length > 0) return [heading, { kind: 'paragraph', text: 'No consumer group could be measured:' }, { kind: 'list', items: notes }];
      return [heading, { kind: 'paragraph', text: `No Kafka lag sampled: ${whyNoKafkaLag(analysis)}.` }];
    }
    const labels: StageLabel[] = [...new Set(analysis.kafkaLag.flatMap((group) => group.stages.map((stage) => stage.label)))];
    const lag = (value: number | undefined) => (value === undefined ? 'unknown' : formatNumber(value, 0));
    const blocks: Block[] = [
      heading,
      {
        kind: 'table',
        columns: [left('consumer group'), right('max lag'), right('last lag'), right('samples'), ...labels.map((label) => right(`max in ${label}`))],
        rows: analysis.kafkaLag.map((group) => [
          group.group,
          lag(group.maxLag),
          lag(group.lastLag),
          formatNumber(group.samples, 0),
          ...labels.map((label) => formatNumber(group.stages.find((stage) => stage.label === label)?.maxLag, 0)),
        ]),
      },
    ];
    if (notes.length > 0) blocks.push({ kind: 'list', items: notes });
    return blocks;
  },
};

/** One line per group whose lag was unknown for some samples, or which the broker did not know. */
function unmeasured(analysis: RunAnalysis): string[] {
  const notes = analysis.kafkaLag
    .filter((group) => group.unknownSamples > 0)
    .map((group) => `${group.group}: lag unknown in ${group.unknownSamples} of ${group.unknownSamples + group.samples} samples (${group.unknownReason ?? 'no reason recorded'})`);
  for (const error of analysis.samplerErrors) {
    if (error.source === 'kafka' && error.group !== undefined) notes.push(`${error.group}: lag unknown, ${error.firstError} (see Sampler errors)`);
  }
  return notes;
}
