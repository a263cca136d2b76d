import type { ChartDefinition } from './chart-definition.ts';
import { overStages } from './over-stages.ts';
import { timeX } from './time-axis.ts';
import { whyNoKafkaLag } from './why-no-server-samples.ts';

/** Consumer lag per group: messages produced and not yet consumed. */
export const kafkaLagChart: ChartDefinition = {
  name: 'kafka-lag',
  title: 'Kafka consumer lag per group (messages)',
  plan(analysis) {
    const points = analysis.series.kafkaLag;
    if (points.length === 0) return { kind: 'skipped', reason: `no Kafka lag sampled: ${whyNoKafkaLag(analysis)}` };
    const line = {
      data: { values: points.map(({ group, second, lag }) => ({ group, second, lag })) },
      mark: { type: 'line' as const, strokeWidth: 1.5 },
      encoding: {
        x: timeX('second', analysis.seconds),
        y: { field: 'lag', type: 'quantitative' as const, title: 'lag (messages)' },
        stroke: { field: 'group', type: 'nominal' as const, title: 'consumer group' },
      },
    };
    return overStages(analysis, line);
  },
};
