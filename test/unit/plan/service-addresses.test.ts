import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/config.ts';
import { mergeConfig } from '../../../lib/merge-config.ts';
import { withServiceAddresses } from '../../../plan/service-addresses.ts';

const started = { shopUrl: 'http://127.0.0.1:41873', grpcAddress: '127.0.0.1:41874', kafkaBrokers: ['127.0.0.1:41875'] };

describe('withServiceAddresses', () => {
  it('moves every address that pointed at the default shop and broker to where the run’s own services listen', () => {
    const config = mergeConfig(DEFAULT_CONFIG, { metricsEndpoints: ['http://127.0.0.1:3300/metrics', 'http://127.0.0.1:9100/metrics'] });
    const moved = withServiceAddresses(config, started);
    expect(moved.target).toEqual({ baseUrl: 'http://127.0.0.1:41873', grpcAddress: '127.0.0.1:41874', wsUrl: 'ws://127.0.0.1:41873/ws' });
    expect(moved.metricsEndpoints).toEqual(['http://127.0.0.1:41873/metrics', 'http://127.0.0.1:9100/metrics']);
    expect(moved.kafka.brokers).toEqual(['127.0.0.1:41875']);
  });

  it('keeps addresses the user set, and everything when the run started nothing', () => {
    const config = mergeConfig(DEFAULT_CONFIG, { target: { grpcAddress: '127.0.0.1:5000', wsUrl: 'ws://127.0.0.1:5001/hub' } });
    expect(withServiceAddresses(config, started).target).toEqual({ baseUrl: 'http://127.0.0.1:41873', grpcAddress: '127.0.0.1:5000', wsUrl: 'ws://127.0.0.1:5001/hub' });
    expect(withServiceAddresses(config, {})).toEqual(config);
  });
});
