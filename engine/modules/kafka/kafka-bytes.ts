/**
 * Message keys, values and header values as scripts pass them: a string (UTF-8), bytes (ArrayBuffer,
 * a typed array or a plain array of byte numbers, as SchemaRegistry.serialize returns), or nothing.
 * @throws Error naming `what` for any other type
 */
export function toBuffer(value: unknown, what: string): Buffer | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value) && value.every((byte) => Number.isInteger(byte) && byte >= 0 && byte <= 255)) return Buffer.from(value as number[]);
  throw new Error(
    `invalid ${what}: expected a string or bytes (serialize objects first: schemaRegistry.serialize({ data, schemaType: SCHEMA_TYPE_JSON })), got ${describe(value)}`,
  );
}

/** Bytes handed to scripts: a plain Uint8Array view, which spreads, indexes and deserializes like xk6-kafka's byte arrays. */
export function toBytes(buffer: Buffer | null | undefined): Uint8Array {
  if (!buffer) return new Uint8Array(0);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array that is not all byte values';
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  return `a ${typeof value}`;
}
