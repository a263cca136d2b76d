import { DEFAULT_CONFIG, type LoadbookConfig } from '../lib/config.ts';

/** Where the services a run started for itself listen; each is absent when the run did not start it. */
export interface ServiceAddresses {
  /** The reference shop's base URL, e.g. `http://127.0.0.1:41873`. */
  shopUrl?: string;
  /** Its gRPC Inventory server, `host:port`. */
  grpcAddress?: string;
  /** The run's own Kafka broker. */
  kafkaBrokers?: string[];
}

/**
 * The config with every address that pointed at the default reference shop or the default broker moved
 * to where this run's own services listen, so that the plan, the VUs, the samplers and the report name
 * what was really loaded. Addresses the user set to anything else are kept as they are.
 */
export function withServiceAddresses(config: LoadbookConfig, addresses: ServiceAddresses): LoadbookConfig {
  const defaults = DEFAULT_CONFIG;
  const { shopUrl, grpcAddress, kafkaBrokers } = addresses;
  const wsUrl = shopUrl && `${shopUrl.replace(/^http/, 'ws')}/ws`;
  const defaultOrigin = new URL(defaults.target.baseUrl).origin;
  const moveEndpoint = (endpoint: string) => {
    if (!shopUrl) return endpoint;
    const url = new URL(endpoint);
    return url.origin === defaultOrigin ? `${shopUrl}${url.pathname}${url.search}` : endpoint;
  };
  return {
    ...config,
    target: {
      ...config.target,
      baseUrl: shopUrl && config.target.baseUrl === defaults.target.baseUrl ? shopUrl : config.target.baseUrl,
      grpcAddress: grpcAddress && config.target.grpcAddress === defaults.target.grpcAddress ? grpcAddress : config.target.grpcAddress,
      wsUrl: wsUrl && config.target.wsUrl === defaults.target.wsUrl ? wsUrl : config.target.wsUrl,
    },
    metricsEndpoints: config.metricsEndpoints.map(moveEndpoint),
    kafka: { ...config.kafka, brokers: kafkaBrokers ?? config.kafka.brokers },
  };
}
