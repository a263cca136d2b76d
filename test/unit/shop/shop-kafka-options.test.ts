import { describe, expect, it } from 'vitest';
import { ShopError } from '../../../shop/shop-error.ts';
import { resolveShopKafkaOptions } from '../../../shop/shop-kafka-options.ts';

describe('resolveShopKafkaOptions', () => {
  it('consumes the orders topic and the events topic of the kafka-publish scenario by default', () => {
    expect(resolveShopKafkaOptions({ brokers: ['127.0.0.1:39092'] })).toEqual({
      brokers: ['127.0.0.1:39092'],
      ordersTopic: 'shop.orders',
      consumeTopics: ['shop.orders', 'loadbook.events'],
      groupId: 'shop-consumer',
      publishTimeoutMs: 250,
    });
  });

  it('follows a renamed orders topic in the default topic list, and keeps a given list as is', () => {
    expect(resolveShopKafkaOptions({ brokers: ['b:1'], ordersTopic: 'o' }).consumeTopics).toEqual(['o', 'loadbook.events']);
    expect(resolveShopKafkaOptions({ brokers: ['b:1'], consumeTopics: ['x', 'x', 'y'] }).consumeTopics).toEqual(['x', 'y']);
  });

  it.each([
    [{ brokers: [] }, 'invalid kafka.brokers; expected host:port strings such as ["127.0.0.1:39092"], got []'],
    [{ brokers: ['localhost'] }, 'invalid kafka.brokers; expected host:port strings such as ["127.0.0.1:39092"], got ["localhost"]'],
    [{ brokers: ['b:1'], ordersTopic: 'has space' }, `invalid kafka.ordersTopic; expected a topic name of letters, digits, '.', '_' or '-', got "has space"`],
    [{ brokers: ['b:1'], consumeTopics: [] }, 'invalid kafka.consumeTopics; expected a non-empty array of topic names, got []'],
    [{ brokers: ['b:1'], consumeTopics: ['ok', ''] }, `invalid kafka.consumeTopics[1]; expected a topic name of letters, digits, '.', '_' or '-', got ""`],
    [{ brokers: ['b:1'], groupId: '' }, 'invalid kafka.groupId; expected a non-empty string, got ""'],
    [{ brokers: ['b:1'], publishTimeoutMs: 0 }, 'invalid kafka.publishTimeoutMs; expected an integer from 1 to 60000, got 0'],
  ])('rejects %j naming the option', (options, message) => {
    expect(() => resolveShopKafkaOptions(options)).toThrow(new ShopError(message));
  });
});
