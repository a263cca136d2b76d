export { BASELINE_SCHEMA_VERSION } from './baseline-document.ts';
export type {
  BaselineCaching,
  BaselineDocument,
  BaselineHeapTrend,
  BaselineHistograms,
  BaselineKafkaLag,
  BaselineLatency,
  BaselineProvenance,
  BaselineRun,
  BaselineSaturation,
  BaselineSaturationWindow,
  BaselineScenario,
  BaselineSignals,
} from './baseline-document.ts';
export { BaselineError } from './baseline-error.ts';
export { baselineStem } from './baseline-stem.ts';
export { buildBaseline } from './build-baseline.ts';
export { createBaseline } from './create-baseline.ts';
export type { CreateBaselineInput } from './create-baseline.ts';
export { BASELINE_TEMPLATE, BUILT_IN_TEMPLATES_DIR, loadTemplates } from './load-templates.ts';
export type { TemplateSources } from './load-templates.ts';
export { latestBaseline } from './latest-baseline.ts';
export { readBaseline } from './read-baseline.ts';
export { readProvenance } from '../../plan/read-provenance.ts';
export { renderBaselineMarkdown } from './render-baseline-markdown.ts';
export { validateBaseline } from './validate-baseline.ts';
export { DEFAULT_BASELINES_DIR, writeBaseline } from './write-baseline.ts';
export type { WriteBaselineOptions, WrittenBaseline } from './write-baseline.ts';
