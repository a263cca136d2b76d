import { toBuffer, toBytes } from './kafka-bytes.ts';
import { SCHEMA_TYPES, UNSUPPORTED_SCHEMA_TYPES, type SchemaType } from './kafka-constants.ts';

export interface SerializeConfig {
  data: unknown;
  /** @default SCHEMA_TYPE_STRING for strings, SCHEMA_TYPE_JSON for other values */
  schemaType?: string;
  /** xk6-kafka's registry schema; refused: no registry formats are supported. */
  schema?: unknown;
}

const SUPPORTED = new Set<string>(Object.values(SCHEMA_TYPES));
const REGISTRY_ONLY = new Set<string>(Object.values(UNSUPPORTED_SCHEMA_TYPES));
const decoder = new TextDecoder('utf-8', { fatal: false });

function schemaTypeOf(config: SerializeConfig, method: string): SchemaType {
  if (config === null || typeof config !== 'object') {
    throw new Error(`schemaRegistry.${method}() takes { data, schemaType }, got ${config === null ? 'null' : typeof config}`);
  }
  const type = config.schemaType ?? (typeof config.data === 'string' ? SCHEMA_TYPES.SCHEMA_TYPE_STRING : SCHEMA_TYPES.SCHEMA_TYPE_JSON);
  if (SUPPORTED.has(type)) return type as SchemaType;
  if (REGISTRY_ONLY.has(type)) {
    throw new Error(
      `schemaType ${JSON.stringify(type)} needs a schema registry, which loadbook's k6/x/kafka does not support; use SCHEMA_TYPE_JSON, SCHEMA_TYPE_STRING or SCHEMA_TYPE_BYTES`,
    );
  }
  throw new Error(`invalid schemaType ${JSON.stringify(type)}; expected SCHEMA_TYPE_STRING, SCHEMA_TYPE_JSON or SCHEMA_TYPE_BYTES`);
}

/**
 * xk6-kafka's SchemaRegistry without a registry: the STRING, JSON and BYTES formats, which is how
 * xk6-kafka scripts turn values into message bytes and back. `new SchemaRegistry(config)` accepts and
 * ignores a registry config so scripts construct it as they do for xk6-kafka; registry formats throw.
 */
export class SchemaRegistry {
  constructor(config?: { url?: string }) {
    if (config?.url) {
      throw new Error(`a schema registry (url ${JSON.stringify(config.url)}) is not supported by loadbook's k6/x/kafka; construct SchemaRegistry without a url and use SCHEMA_TYPE_JSON, SCHEMA_TYPE_STRING or SCHEMA_TYPE_BYTES`);
    }
  }

  /** Value to message bytes: JSON text, UTF-8 text, or the bytes as given. */
  serialize(config: SerializeConfig): Uint8Array {
    const type = schemaTypeOf(config, 'serialize');
    switch (type) {
      case 'STRING':
        if (typeof config.data !== 'string') throw new Error(`SCHEMA_TYPE_STRING serializes strings, got ${typeof config.data}; use SCHEMA_TYPE_JSON for objects`);
        return toBytes(Buffer.from(config.data, 'utf8'));
      case 'JSON': {
        const text = JSON.stringify(config.data);
        if (text === undefined) throw new Error(`SCHEMA_TYPE_JSON cannot serialize ${typeof config.data}`);
        return toBytes(Buffer.from(text, 'utf8'));
      }
      case 'BYTES':
        return toBytes(toBuffer(config.data, 'data for SCHEMA_TYPE_BYTES'));
      default:
        return type satisfies never;
    }
  }

  /** Message bytes back to a value: the parsed JSON, the text, or the bytes. */
  deserialize(config: SerializeConfig): unknown {
    const type = schemaTypeOf({ ...config, schemaType: config?.schemaType ?? SCHEMA_TYPES.SCHEMA_TYPE_JSON }, 'deserialize');
    const bytes = typeof config.data === 'string' ? Buffer.from(config.data, 'utf8') : (toBuffer(config.data, 'data to deserialize') ?? Buffer.alloc(0));
    switch (type) {
      case 'STRING':
        return decoder.decode(bytes);
      case 'JSON':
        try {
          return JSON.parse(decoder.decode(bytes));
        } catch (error) {
          throw new Error(`SCHEMA_TYPE_JSON could not parse the data as JSON: ${(error as Error).message}`);
        }
      case 'BYTES':
        return toBytes(bytes);
      default:
        return type satisfies never;
    }
  }
}
