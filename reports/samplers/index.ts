// The samplers' public entry: what the phase runner starts alongside the engine.
export { startSamplers, type RunningSamplers, type SamplersOptions } from './run-samplers.ts';
export {
  parsePrometheusText,
  scrapePrometheus,
  type PrometheusSample,
  type PrometheusScrape,
  type ScrapeOptions,
} from './scrape-prometheus.ts';
export { deriveSaturation, SATURATION_READERS, type GcPauses, type Saturation, type ScrapePair } from './derive-saturation.ts';
export {
  createKafkaLagSampler,
  type GroupLag,
  type GroupReading,
  type KafkaLagSampler,
  type KafkaLagSamplerOptions,
  type MissingGroup,
  type PartitionLag,
  type UnknownGroupLag,
} from './kafka-lag-sampler.ts';
export type { KafkaLagSample, SamplerErrorSample, SaturationSample, ServerSample } from './server-sample.ts';
