// Pure checks of k6/x/kafka's config readers and serializer, kept beside the module's broker tests.
import { describe, expect, it } from 'vitest';
import { readConnectionConfig, readReaderConfig, readWriterConfig } from '../../../engine/modules/kafka/kafka-config.ts';
import { SchemaRegistry } from '../../../engine/modules/kafka/schema-registry.ts';

const brokers = ['127.0.0.1:39092'];

describe('readWriterConfig', () => {
  it("fills xk6-kafka's defaults: no compression, requiredAcks 0, batches of 100, no topic creation", () => {
    expect(readWriterConfig({ brokers, topic: 't' })).toEqual({
      brokers,
      topic: 't',
      autoCreateTopic: false,
      compression: undefined,
      requiredAcks: 0,
      batchSize: 100,
      writeTimeoutMs: undefined,
      maxAttempts: undefined,
    });
  });

  it.each([
    [{ topic: 't' }, 'invalid Writer brokers; expected a non-empty array of "host:port" strings, got undefined'],
    [{ brokers: ['localhost'] }, 'invalid Writer brokers; expected a non-empty array of "host:port" strings, got ["localhost"]'],
    [{ brokers, compression: 'brotli' }, 'invalid Writer compression; expected one of CODEC_GZIP, CODEC_SNAPPY, CODEC_LZ4, CODEC_ZSTD, got "brotli"'],
    [{ brokers, requiredAcks: 2 }, 'invalid Writer requiredAcks; expected an integer from -1 to 1, got 2'],
    [{ brokers, batchSize: 0 }, 'invalid Writer batchSize; expected an integer from 1 up, got 0'],
    [{ brokers, writeTimeout: 'soon' }, 'invalid Writer writeTimeout "soon"; expected a duration such as "30s", "1m30s" or "500ms"'],
    [{ brokers, sasl: { username: 'u', password: 'p' } }, "Writer sasl is not supported by loadbook's k6/x/kafka; it connects in plaintext only"],
  ])('refuses %j: %s', (config, message) => {
    expect(() => readWriterConfig(config)).toThrow(message);
  });
});

describe('readReaderConfig', () => {
  it('reads a partition reader: partition 0 from the first offset, waiting 10 s by default', () => {
    expect(readReaderConfig({ brokers, topic: 't' })).toMatchObject({ topics: ['t'], groupId: undefined, partition: 0, offset: undefined, startOffset: 'first', maxWaitMs: 10_000 });
  });

  it.each([
    [{ brokers, groupID: 'g', topic: 't' }, 'g'],
    [{ brokers, groupId: 'g', topic: 't' }, 'g'],
  ])('takes the group from %j', (config, group) => {
    expect(readReaderConfig(config).groupId).toBe(group);
  });

  it.each([
    ['first', 'first'],
    ['last', 'last'],
    ['-2', 'first'],
    ['-1', 'last'],
  ])('reads startOffset %j as %j', (startOffset, expected) => {
    expect(readReaderConfig({ brokers, topic: 't', startOffset }).startOffset).toBe(expected);
  });

  it.each([
    [{ brokers }, 'invalid Reader topic; expected a topic name, got undefined'],
    [{ brokers, topic: 't', startOffset: 'middle' }, 'invalid Reader startOffset; expected START_OFFSETS_FIRST_OFFSET or START_OFFSETS_LAST_OFFSET, got "middle"'],
    [{ brokers, groupTopics: ['a'] }, 'invalid Reader groupTopics; expected a groupID to go with it, got ["a"]'],
    [{ brokers, topic: 't', groupID: 'g', partition: 2 }, 'invalid Reader config; a reader with groupID "g" gets its partitions from the group, so it takes no partition or offset'],
    [{ brokers, topic: 't', maxWait: -5 }, 'invalid Reader maxWait -5; expected a duration'],
  ])('refuses %j: %s', (config, message) => {
    expect(() => readReaderConfig(config)).toThrow(message);
  });
});

describe('readConnectionConfig', () => {
  it('needs one host:port address', () => {
    expect(readConnectionConfig({ address: '127.0.0.1:9092' })).toEqual({ address: '127.0.0.1:9092' });
    expect(() => readConnectionConfig({ address: ['127.0.0.1:9092'] })).toThrow('invalid Connection address; expected a string');
  });
});

describe('SchemaRegistry', () => {
  const registry = new SchemaRegistry();
  const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

  it.each([
    [{ data: { a: 1 }, schemaType: 'JSON' }, '{"a":1}'],
    [{ data: 'héllo', schemaType: 'STRING' }, 'héllo'],
    [{ data: [104, 105], schemaType: 'BYTES' }, 'hi'],
    [{ data: 'plain' }, 'plain'],
    [{ data: [1, 2] }, '[1,2]'],
  ])('serializes %j to the bytes of %j', (config, expected) => {
    expect(text(registry.serialize(config))).toBe(expected);
  });

  it('deserializes what it serialized', () => {
    const value = { order: 7, items: ['x'] };
    expect(registry.deserialize({ data: registry.serialize({ data: value, schemaType: 'JSON' }), schemaType: 'JSON' })).toEqual(value);
    expect(registry.deserialize({ data: registry.serialize({ data: 'k', schemaType: 'STRING' }), schemaType: 'STRING' })).toBe('k');
  });

  it.each([
    [{ data: {}, schemaType: 'AVRO' }, 'schemaType "AVRO" needs a schema registry'],
    [{ data: 1, schemaType: 'STRING' }, 'SCHEMA_TYPE_STRING serializes strings, got number'],
    [{ data: 'x', schemaType: 'XML' }, 'invalid schemaType "XML"'],
  ])('refuses %j', (config, message) => {
    expect(() => registry.serialize(config)).toThrow(message);
  });

  it('refuses a registry url, which it cannot reach', () => {
    expect(() => new SchemaRegistry({ url: 'http://registry:8081' })).toThrow('a schema registry (url "http://registry:8081") is not supported');
  });
});
