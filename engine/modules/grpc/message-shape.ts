/**
 * Field naming between scripts and protobuf messages, as k6's protojson mapping does it: responses use
 * each field's JSON name (lowerCamelCase: `product_id` → `productId`); requests accept the JSON name or
 * the name in the .proto file, and refuse fields the message does not have.
 *
 * Messages are decoded by protobufjs (through @grpc/proto-loader) with the .proto names kept; a shape,
 * built once per message type from its descriptor, renames keys on the way in and out. Values keep
 * protobufjs's proto3-JSON forms: 64-bit integers and bytes (base64) as strings, enums by name, unset
 * fields present with their defaults (k6 emits unpopulated fields too).
 */

/** The parts of a protobuf DescriptorProto (as @grpc/proto-loader hands it out) that naming needs. */
export interface DescriptorLike {
  name?: string;
  field?: readonly { name: string; number?: number; type?: string; typeName?: string; label?: string; jsonName?: string }[];
  nestedType?: readonly DescriptorLike[];
  options?: { mapEntry?: boolean } | null;
}

/** A field's names as its .proto file spells them, when protobufjs was given other ones. */
export interface SourceNames {
  protoName: string;
  jsonName: string;
}

interface FieldShape {
  /** The name protobufjs encodes and decodes by. */
  readonly name: string;
  /** The name in the .proto file: the same, unless the definitions came from a descriptor set. */
  readonly protoName: string;
  readonly jsonName: string;
  readonly kind: 'single' | 'list' | 'map';
  /** Set for message-typed fields (for maps, message-typed values). */
  readonly message: MessageShape | undefined;
}

/** How one message type's objects are renamed and checked. */
export interface MessageShape {
  readonly typeName: string;
  /**
   * `wrapper`: a google.protobuf wrapper, a bare value in JSON; `opaque`: another well-known type, left in
   * protobufjs's form; `message`: an ordinary message.
   */
  readonly kind: 'message' | 'wrapper' | 'opaque';
  readonly fields: FieldShape[];
  readonly byName: Map<string, FieldShape>;
  readonly byJsonName: Map<string, FieldShape>;
  /** Whether decoded objects can go to the script as they are: no renamed field anywhere inside. */
  passThrough: boolean;
}

const WRAPPERS = new Set(
  ['Double', 'Float', 'Int64', 'UInt64', 'Int32', 'UInt32', 'Bool', 'String', 'Bytes'].map((kind) => `google.protobuf.${kind}Value`),
);

/** protoc's JSON name: underscores dropped, the letter after each one upper-cased. */
export function jsonNameOf(protoName: string): string {
  let out = '';
  let upper = false;
  for (const char of protoName) {
    if (char === '_') upper = true;
    else {
      out += upper ? char.toUpperCase() : char;
      upper = false;
    }
  }
  return out;
}

/** Builds message shapes on demand from the descriptors of every type a set of .proto files defines. */
export class ShapeRegistry {
  private readonly descriptors = new Map<string, DescriptorLike>();

  /**
   * @param sourceNames a field's .proto names by message type and field number, for definitions whose
   *   field names protobufjs rewrote (descriptor sets, which it loads camel-cased).
   */
  constructor(private readonly sourceNames?: (typeName: string, fieldNumber: number) => SourceNames | undefined) {}

  private readonly shapes = new Map<string, MessageShape>();
  /** Shapes of the outermost `shape()` call under way; their pass-through flags need every field built. */
  private pending: MessageShape[] | undefined;

  /** Registers a top-level message type and, recursively, its nested types (map entries included). */
  add(fullName: string, descriptor: DescriptorLike): void {
    this.descriptors.set(fullName, descriptor);
    for (const nested of descriptor.nestedType ?? []) if (nested.name) this.add(`${fullName}.${nested.name}`, nested);
  }

  shape(fullName: string): MessageShape {
    const existing = this.shapes.get(fullName);
    if (existing) return existing;
    const descriptor = this.descriptors.get(fullName);
    if (!descriptor) throw new Error(`protobuf type ${fullName} is not among the loaded definitions`);
    const kind = WRAPPERS.has(fullName) ? 'wrapper' : fullName.startsWith('google.protobuf.') ? 'opaque' : 'message';
    const shape: MessageShape = { typeName: fullName, kind, fields: [], byName: new Map(), byJsonName: new Map(), passThrough: true };
    // Registered before its fields are built, so recursive messages find it.
    this.shapes.set(fullName, shape);
    const outermost = this.pending === undefined;
    if (outermost) this.pending = [];
    this.pending!.push(shape);
    try {
      for (const field of descriptor.field ?? []) this.addField(shape, field);
    } catch (error) {
      // A type that cannot be resolved leaves no half-built shapes behind.
      if (outermost) for (const built of this.pending!) this.shapes.delete(built.typeName);
      if (outermost) this.pending = undefined;
      throw error;
    }
    if (outermost) {
      for (const built of this.pending!) built.passThrough = built.kind === 'opaque' || (built.kind === 'message' && this.passesThrough(built, new Set()));
      this.pending = undefined;
    }
    return shape;
  }

  private addField(shape: MessageShape, field: NonNullable<DescriptorLike['field']>[number]): void {
    let message: MessageShape | undefined;
    let kind: FieldShape['kind'] = field.label === 'LABEL_REPEATED' ? 'list' : 'single';
    if (field.type === 'TYPE_MESSAGE' && field.typeName) {
      const target = this.resolve(field.typeName, shape.typeName);
      const entry = this.descriptors.get(target);
      if (entry?.options?.mapEntry) {
        kind = 'map';
        const value = entry.field?.find((entryField) => entryField.name === 'value');
        if (value?.type === 'TYPE_MESSAGE' && value.typeName) message = this.shape(this.resolve(value.typeName, target));
      } else {
        message = this.shape(target);
      }
    }
    const source = field.number === undefined ? undefined : this.sourceNames?.(shape.typeName, field.number);
    const protoName = source?.protoName ?? field.name;
    const jsonName = field.jsonName || source?.jsonName || jsonNameOf(protoName);
    const built: FieldShape = { name: field.name, protoName, jsonName, kind, message };
    shape.fields.push(built);
    shape.byName.set(built.name, built);
    shape.byName.set(protoName, built);
    shape.byJsonName.set(jsonName, built);
  }

  private passesThrough(shape: MessageShape, visiting: Set<MessageShape>): boolean {
    if (shape.kind === 'opaque') return true;
    // A recursive message is converted: whether it needs renaming depends on how deep it nests.
    if (shape.kind === 'wrapper' || visiting.has(shape)) return false;
    visiting.add(shape);
    const passes = shape.fields.every((field) => field.name === field.jsonName && (!field.message || this.passesThrough(field.message, visiting)));
    visiting.delete(shape);
    return passes;
  }

  /** Resolves a type name as written in a descriptor, innermost scope first, as protobuf scoping does. */
  private resolve(typeName: string, scope: string): string {
    if (typeName.startsWith('.')) return typeName.slice(1);
    for (let prefix = scope; prefix !== ''; prefix = prefix.slice(0, Math.max(0, prefix.lastIndexOf('.')))) {
      const candidate = `${prefix}.${typeName}`;
      if (this.descriptors.has(candidate)) return candidate;
    }
    if (this.descriptors.has(typeName)) return typeName;
    throw new Error(`protobuf type ${typeName}, used in ${scope}, is not among the loaded definitions`);
  }
}

/** A decoded message (protobufjs object, .proto names) as the script sees it: JSON names. */
export function toScript(shape: MessageShape, decoded: unknown): unknown {
  if (decoded === null || decoded === undefined) return decoded ?? null;
  if (shape.kind === 'wrapper') return (decoded as { value?: unknown }).value ?? null;
  if (shape.passThrough) return decoded;
  const source = decoded as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in source) {
    const field = shape.byName.get(key);
    const value = source[key];
    out[field ? field.jsonName : key] = field?.message ? convertField(field, field.message, value, toScript) : value;
  }
  return out;
}

/**
 * A script's request object as protobufjs encodes it: .proto names. Throws on a field the message does not
 * have, naming the fields it does, as protojson refuses unknown fields; a typo must not silently send a
 * default value under load.
 */
export function fromScript(shape: MessageShape, value: unknown, where = shape.typeName): unknown {
  if (shape.kind === 'wrapper') return value !== null && typeof value === 'object' ? value : { value };
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`invalid ${where}; expected an object with the fields of ${shape.typeName}, got ${describe(value)}`);
  }
  if (shape.kind === 'opaque') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in source) {
    const field = shape.byJsonName.get(key) ?? shape.byName.get(key);
    if (!field) {
      const known = shape.fields.map((f) => (f.jsonName === f.protoName ? f.jsonName : `${f.jsonName} (${f.protoName})`)).join(', ');
      throw new TypeError(`unknown field "${key}" in ${where}; ${shape.typeName} has ${known || 'no fields'}`);
    }
    const fieldValue = source[key];
    out[field.name] = field.message
      ? convertField(field, field.message, fieldValue, (nested, item) => fromScript(nested, item, `${where}.${field.jsonName}`))
      : fieldValue;
  }
  return out;
}

function convertField(
  field: FieldShape,
  message: MessageShape,
  value: unknown,
  convert: (shape: MessageShape, value: unknown) => unknown,
): unknown {
  if (value === null || value === undefined) return value;
  if (field.kind === 'list' && Array.isArray(value)) return value.map((item) => convert(message, item));
  if (field.kind === 'map' && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key in value as Record<string, unknown>) out[key] = convert(message, (value as Record<string, unknown>)[key]);
    return out;
  }
  return convert(message, value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
