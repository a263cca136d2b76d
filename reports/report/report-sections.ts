import type { ReportSection } from './report-section.ts';
import { cachingSection } from './sections/caching-section.ts';
import { chartsSection } from './sections/charts-section.ts';
import { exemplarsSection } from './sections/exemplars-section.ts';
import { goldenSignalsSection } from './sections/golden-signals-section.ts';
import { heapTrendSection } from './sections/heap-trend-section.ts';
import { kafkaLagSection } from './sections/kafka-lag-section.ts';
import { recoverySection } from './sections/recovery-section.ts';
import { runFactsSection } from './sections/run-facts-section.ts';
import { samplerErrorsSection } from './sections/sampler-errors-section.ts';
import { saturationSection } from './sections/saturation-section.ts';
import { stagesSection } from './sections/stages-section.ts';

/** Every section of the report, in the order the report shows them. */
export const SECTIONS = {
  'run-facts': runFactsSection,
  'golden-signals': goldenSignalsSection,
  stages: stagesSection,
  recovery: recoverySection,
  saturation: saturationSection,
  'kafka-lag': kafkaLagSection,
  caching: cachingSection,
  'heap-trend': heapTrendSection,
  exemplars: exemplarsSection,
  'sampler-errors': samplerErrorsSection,
  charts: chartsSection,
} as const satisfies Record<string, ReportSection>;

/** A section's key in SECTIONS. */
export type SectionName = keyof typeof SECTIONS;
