import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../../../engine/errors.ts';
import { MetricRegistry } from '../../../../engine/metrics/metric-registry.ts';

describe('MetricRegistry', () => {
  it.each([
    ['vus', 'gauge', 'default'],
    ['vus_max', 'gauge', 'default'],
    ['iterations', 'counter', 'default'],
    ['iteration_duration', 'trend', 'time'],
    ['dropped_iterations', 'counter', 'default'],
    ['data_sent', 'counter', 'data'],
    ['data_received', 'counter', 'data'],
    ['checks', 'rate', 'default'],
    ['http_reqs', 'counter', 'default'],
    ['http_req_failed', 'rate', 'default'],
    ['http_req_duration', 'trend', 'time'],
    ['http_req_waiting', 'trend', 'time'],
  ])('knows the built-in %s as a %s of %s values', (name, type, contains) => {
    expect(new MetricRegistry().get(name)).toMatchObject({ name, type, contains });
  });

  it('gives every metric a distinct id counting up from 0, so ids can index arrays', () => {
    const registry = new MetricRegistry();
    registry.define('orders_placed', 'counter');
    const ids = registry.all().map((metric) => metric.id);
    expect(ids).toEqual(ids.map((_, index) => index));
    expect(registry.get('orders_placed')!.id).toBe(ids.length - 1);
  });

  it('returns the same metric when a name is defined again with the same type', () => {
    const registry = new MetricRegistry();
    const first = registry.define('cart_size', 'trend');
    const size = registry.all().length;
    expect(registry.define('cart_size', 'trend')).toBe(first);
    expect(registry.all()).toHaveLength(size);
  });

  it('defaults a custom metric to default values, not time', () => {
    expect(new MetricRegistry().define('queue_depth', 'gauge')).toMatchObject({ type: 'gauge', contains: 'default' });
  });

  it.each([
    ['cart_size', 'trend', 'counter', /invalid metric "cart_size"; it already exists as a trend \(default\), got a counter \(default\)/],
    ['http_reqs', 'counter', 'trend', /invalid metric "http_reqs"; it already exists as a counter/],
  ] as const)('refuses redefining %s (a %s) as a %s', (name, firstType, secondType, message) => {
    const registry = new MetricRegistry();
    registry.define(name, firstType);
    const call = () => registry.define(name, secondType);
    expect(call).toThrow(OptionsError);
    expect(call).toThrow(message);
  });

  it('refuses redefining a trend of times as a trend of plain values', () => {
    const registry = new MetricRegistry();
    registry.define('checkout_time', 'trend', 'time');
    expect(() => registry.define('checkout_time', 'trend')).toThrow(/already exists as a trend \(time\), got a trend \(default\)/);
  });

  it.each([[''], ['1st_metric'], ['has-dash'], ['has space'], ['tag{x}'], ['métrique'], ['a'.repeat(129)]])(
    'refuses the invalid name %j',
    (name) => {
      const call = () => new MetricRegistry().define(name, 'counter');
      expect(call).toThrow(OptionsError);
      expect(call).toThrow(`invalid metric name ${JSON.stringify(name)}; expected 1 to 128 letters, digits or underscores`);
    },
  );

  it.each([['a'], ['_private'], ['Orders2'], ['kafka_writer_message_count'], ['a'.repeat(128)]])('accepts the name %j', (name) => {
    expect(new MetricRegistry().define(name, 'counter').name).toBe(name);
  });
});
