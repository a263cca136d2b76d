import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadFileDescriptorSetFromBuffer, loadSync, type MethodDefinition, type PackageDefinition } from '@grpc/proto-loader';
import { fromScript, jsonNameOf, ShapeRegistry, toScript, type DescriptorLike, type MessageShape, type SourceNames } from './message-shape.ts';

/** One RPC method of the loaded definitions, ready to encode requests and decode replies. */
export interface GrpcMethod {
  /** `/inventory.v1.Inventory/GetStock`: the HTTP/2 path, and k6's `name` tag. */
  readonly path: string;
  /** `inventory.v1.Inventory`: k6's `service` tag. */
  readonly service: string;
  /** `GetStock`: k6's `method` tag. */
  readonly name: string;
  readonly streaming: boolean;
  /** The script's request object as protobuf bytes; throws on a field the request type lacks. */
  encode(request: unknown): Buffer;
  /** A reply as the script sees it: JSON field names, proto3-JSON values. */
  decode(reply: Buffer): unknown;
}

/** Loaded definitions: their methods by `pkg.Service/Method`, with and without the leading slash. */
export interface ProtoLibrary {
  readonly methods: ReadonlyMap<string, GrpcMethod>;
}

// Values as k6's protojson mapping writes them: 64-bit integers as strings, enums by name, bytes as
// base64, NaN and Infinity as strings, and unset fields present with their defaults.
const LOAD_OPTIONS = { keepCase: true, longs: String, enums: String, bytes: String, defaults: true, json: true } as const;

/** The parts of google.protobuf descriptors the library reads, as proto-loader decodes them. */
interface MessageDescriptor {
  name: string;
  field?: { name: string; number: number; jsonName?: string }[];
  nestedType?: MessageDescriptor[];
}
interface FileDescriptor {
  package?: string;
  messageType?: MessageDescriptor[];
  service?: { name: string; method?: { name: string; inputType: string; outputType: string }[] }[];
}
type Decoder<T> = { deserialize(buffer: Buffer): T };
let descriptorTypes: { file: Decoder<FileDescriptor>; set: Decoder<{ file?: FileDescriptor[] }> } | undefined;

/** Decoders of descriptor.proto's messages: only descriptors name a method's types in full. */
function descriptors(): NonNullable<typeof descriptorTypes> {
  if (!descriptorTypes) {
    const definition = loadSync('google/protobuf/descriptor.proto');
    descriptorTypes = {
      file: definition['google.protobuf.FileDescriptorProto'] as unknown as Decoder<FileDescriptor>,
      set: definition['google.protobuf.FileDescriptorSet'] as unknown as Decoder<{ file?: FileDescriptor[] }>,
    };
  }
  return descriptorTypes;
}

/**
 * Resolves `client.load()`'s arguments the way k6 does: import paths relative to the script's directory
 * (the directory itself when none are given), each file looked up in the import paths in order.
 */
export function resolveProtoFiles(scriptDir: string, importPaths: readonly string[], files: readonly string[]): { includeDirs: string[]; files: string[] } {
  const includeDirs = importPaths.length > 0 ? importPaths.map((dir) => path.resolve(scriptDir, dir)) : [scriptDir];
  const resolved = files.map((file) => {
    if (path.isAbsolute(file)) {
      if (existsSync(file)) return file;
    } else {
      for (const dir of includeDirs) {
        const candidate = path.join(dir, file);
        if (existsSync(candidate)) return candidate;
      }
    }
    throw new Error(`grpc client.load(): proto file ${JSON.stringify(file)} not found; looked in ${includeDirs.join(', ')} (import paths are relative to the script's directory)`);
  });
  return { includeDirs, files: resolved };
}

/** Parses .proto files; `cache` (one per thread) makes every VU's init after the first free. */
export function loadProtoFiles(cache: Map<string, ProtoLibrary>, includeDirs: string[], files: string[]): ProtoLibrary {
  const key = JSON.stringify([includeDirs, files]);
  let library = cache.get(key);
  if (!library) {
    let definition: PackageDefinition;
    try {
      definition = loadSync(files, { ...LOAD_OPTIONS, includeDirs });
    } catch (error) {
      throw new Error(`grpc client.load(): cannot parse ${files.join(', ')}: ${(error as Error).message}`);
    }
    library = buildLibrary(definition);
    cache.set(key, library);
  }
  return library;
}

/** Reads a binary FileDescriptorSet (`protoc --descriptor_set_out --include_imports`), for `client.loadProtoset()`. */
export function loadProtosetFile(cache: Map<string, ProtoLibrary>, file: string, read: (file: string) => Buffer): ProtoLibrary {
  const key = `protoset:${file}`;
  let library = cache.get(key);
  if (!library) {
    let definition: PackageDefinition;
    let sourceNames: ReturnType<typeof fieldNamesOf>;
    try {
      const content = read(file);
      definition = loadFileDescriptorSetFromBuffer(content, LOAD_OPTIONS);
      // protobufjs camel-cases the field names of a descriptor set; requests may still use the .proto ones.
      sourceNames = fieldNamesOf(descriptors().set.deserialize(content).file ?? []);
    } catch (error) {
      throw new Error(`grpc client.loadProtoset(): cannot read ${file}: ${(error as Error).message}`);
    }
    library = buildLibrary(definition, (typeName, number) => sourceNames.get(typeName)?.get(number));
    cache.set(key, library);
  }
  return library;
}

/** The .proto names of every message's fields, by message type and field number. */
function fieldNamesOf(files: FileDescriptor[]): Map<string, Map<number, SourceNames>> {
  const names = new Map<string, Map<number, SourceNames>>();
  const add = (message: MessageDescriptor, scope: string) => {
    const fullName = scope ? `${scope}.${message.name}` : message.name;
    names.set(fullName, new Map((message.field ?? []).map((field) => [field.number, { protoName: field.name, jsonName: field.jsonName || jsonNameOf(field.name) }])));
    for (const nested of message.nestedType ?? []) add(nested, fullName);
  };
  for (const file of files) for (const message of file.messageType ?? []) add(message, file.package ?? '');
  return names;
}

function buildLibrary(definition: PackageDefinition, sourceNames?: ConstructorParameters<typeof ShapeRegistry>[0]): ProtoLibrary {
  const shapes = new ShapeRegistry(sourceNames);
  const services: [string, Record<string, MethodDefinition<object, object>>][] = [];
  let files: Buffer[] = [];
  for (const [name, entry] of Object.entries(definition)) {
    const format = (entry as { format?: unknown }).format;
    if (format === 'Protocol Buffer 3 DescriptorProto') {
      shapes.add(name, (entry as { type: DescriptorLike }).type);
      files = (entry as { fileDescriptorProtos: Buffer[] }).fileDescriptorProtos;
    } else if (format === undefined) {
      services.push([name, entry as Record<string, MethodDefinition<object, object>>]);
    }
  }
  const types = methodTypes(files);
  const methods = new Map<string, GrpcMethod>();
  for (const [service, methodDefinitions] of services) {
    for (const [name, definition] of Object.entries(methodDefinitions)) {
      const fullName = `${service}/${name}`;
      const [input, output] = types.get(fullName) ?? [];
      if (!input || !output) throw new Error(`grpc: the descriptors do not name the types of ${fullName}`);
      const method = makeMethod(service, name, definition, shapes.shape(input), shapes.shape(output));
      methods.set(fullName, method);
      methods.set(`/${fullName}`, method);
    }
  }
  return { methods };
}

/** Request and response type names of every method, by `pkg.Service/Method`. */
function methodTypes(files: Buffer[]): Map<string, [string, string]> {
  const types = new Map<string, [string, string]>();
  for (const buffer of files) {
    const file = descriptors().file.deserialize(buffer);
    const prefix = file.package ? `${file.package}.` : '';
    for (const service of file.service ?? []) {
      for (const method of service.method ?? []) {
        types.set(`${prefix}${service.name}/${method.name}`, [method.inputType.replace(/^\./, ''), method.outputType.replace(/^\./, '')]);
      }
    }
  }
  return types;
}

function makeMethod(service: string, name: string, definition: MethodDefinition<object, object>, request: MessageShape, reply: MessageShape): GrpcMethod {
  const serialize = definition.requestSerialize;
  const deserialize = definition.responseDeserialize;
  return {
    path: definition.path,
    service,
    name,
    streaming: definition.requestStream || definition.responseStream,
    encode: (value) => serialize(fromScript(request, value) as object),
    decode: (buffer) => toScript(reply, deserialize(buffer)),
  };
}
