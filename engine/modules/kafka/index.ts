import type { Vu } from '../../runtime/vu.ts';
import { BALANCERS, CODECS, SCHEMA_TYPES, START_OFFSETS, UNSUPPORTED_SCHEMA_TYPES } from './kafka-constants.ts';
import { createKafkaContext } from './kafka-context.ts';
import { KafkaConnection } from './kafka-connection.ts';
import { KafkaReader } from './kafka-reader.ts';
import { KafkaWriter } from './kafka-writer.ts';
import { SchemaRegistry } from './schema-registry.ts';

/**
 * The `k6/x/kafka` module of one VU, shaped like the xk6-kafka extension: Writer, Reader, Connection,
 * SchemaRegistry (STRING, JSON and BYTES only) and its constants, on @platformatic/kafka. produce(),
 * consume() and the Connection's methods return promises: loadbook VUs never block.
 */
export function createKafkaModule(vu: Vu) {
  const context = createKafkaContext(vu);
  const module = {
    Writer: class Writer extends KafkaWriter {
      constructor(config: unknown) {
        super(context, config);
      }
    },
    Reader: class Reader extends KafkaReader {
      constructor(config: unknown) {
        super(context, config);
      }
    },
    Connection: class Connection extends KafkaConnection {
      constructor(config: unknown) {
        super(context, config);
      }
    },
    SchemaRegistry,
    ...SCHEMA_TYPES,
    ...UNSUPPORTED_SCHEMA_TYPES,
    ...CODECS,
    ...START_OFFSETS,
    ...BALANCERS,
  };
  return { ...module, default: module, __esModule: true };
}
