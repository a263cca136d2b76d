import type { StageLabel } from '../../../phases/index.ts';
import { whyNoKafkaLag } from '../../charts/index.ts';
import { formatNumber } from '../../render/format.ts';
import { left, right } from '../report-block.ts';
import type { ReportSection } from '../report-section.ts';

/** Consumer lag per group: the most messages waiting at any sample, overall and per stage. */
export const kafkaLagSection: ReportSection = {
  render(analysis) {
    const heading = { kind: 'heading', level: 2, text: 'Kafka consumer lag' } as const;
    if (analysis.kafkaLag.length === 0) {
      return [heading, { kind: 'paragraph', text: `No Kafka lag sampled: ${whyNoKafkaLag(analysis)}.` }];
    }
    const labels: StageLabel[] = [...new Set(analysis.kafkaLag.flatMap((group) => group.stages.map((stage) => stage.label)))];
    return [
      heading,
      {
        kind: 'table',
        columns: [left('consumer group'), right('max lag'), right('last lag'), right('samples'), ...labels.map((label) => right(`max in ${label}`))],
        rows: analysis.kafkaLag.map((group) => [
          group.group,
          formatNumber(group.maxLag, 0),
          formatNumber(group.lastLag, 0),
          formatNumber(group.samples, 0),
          ...labels.map((label) => formatNumber(group.stages.find((stage) => stage.label === label)?.maxLag, 0)),
        ]),
      },
    ];
  },
};
