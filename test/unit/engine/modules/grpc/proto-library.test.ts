import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonNameOf } from '../../../../../engine/modules/grpc/message-shape.ts';
import { loadSync } from '@grpc/proto-loader';
import { loadProtoFiles, loadProtosetFile, resolveProtoFiles, type GrpcMethod, type ProtoLibrary } from '../../../../../engine/modules/grpc/proto-library.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../../../../..');

function echoLibrary(cache = new Map<string, ProtoLibrary>()): ProtoLibrary {
  const resolved = resolveProtoFiles(HERE, [], ['echo.proto']);
  return loadProtoFiles(cache, resolved.includeDirs, resolved.files);
}

/** What a server would send back for `request`: the request's bytes decoded as the reply type (the same message). */
const roundTrip = (method: GrpcMethod, request: unknown) => method.decode(method.encode(request));

describe('jsonNameOf', () => {
  it.each([
    ['product_id', 'productId'],
    ['reservation_id', 'reservationId'],
    ['available', 'available'],
    ['field_2_name', 'field2Name'],
    ['alreadyCamel', 'alreadyCamel'],
    ['_leading', 'Leading'],
  ])('names the .proto field %s %s in JSON, as protoc does', (protoName, jsonName) => {
    expect(jsonNameOf(protoName)).toBe(jsonName);
  });
});

describe('resolveProtoFiles', () => {
  it('looks .proto files up in the import paths, taken relative to the script directory', () => {
    const resolved = resolveProtoFiles(path.join(REPO, 'scenarios'), ['../proto'], ['inventory.proto']);
    expect(resolved).toEqual({ includeDirs: [path.join(REPO, 'proto')], files: [path.join(REPO, 'proto', 'inventory.proto')] });
  });

  it("uses the script's directory when no import path is given, as k6 does", () => {
    expect(resolveProtoFiles(HERE, [], ['echo.proto']).files).toEqual([path.join(HERE, 'echo.proto')]);
  });

  it('refuses a file it cannot find, saying where it looked', () => {
    expect(() => resolveProtoFiles(REPO, ['proto'], ['missing.proto'])).toThrow(
      `proto file "missing.proto" not found; looked in ${path.join(REPO, 'proto')}`,
    );
  });
});

describe('loadProtoFiles', () => {
  it('parses each set of files once per cache, so later VUs share the first one’s definitions', () => {
    const cache = new Map<string, ProtoLibrary>();
    expect(echoLibrary(cache)).toBe(echoLibrary(cache));
    expect(cache.size).toBe(1);
  });

  it('finds methods by pkg.Service/Method with or without the leading slash, and knows the streaming ones', () => {
    const { methods } = echoLibrary();
    const echo = methods.get('echo.v1.Echo/Echo')!;
    expect(methods.get('/echo.v1.Echo/Echo')).toBe(echo);
    expect(echo).toMatchObject({ path: '/echo.v1.Echo/Echo', service: 'echo.v1.Echo', name: 'Echo', streaming: false });
    expect(methods.get('echo.v1.Echo/Watch')!.streaming).toBe(true);
  });

  it('refuses a file that does not parse, naming it', () => {
    const resolved = resolveProtoFiles(REPO, ['test/unit/engine/modules/grpc'], ['proto-library.test.ts']);
    expect(() => loadProtoFiles(new Map(), resolved.includeDirs, resolved.files)).toThrow(/cannot parse .*proto-library\.test\.ts/);
  });
});

describe('loadProtosetFile', () => {
  /** echo.proto as `protoc --descriptor_set_out --include_imports` would write it: a FileDescriptorSet. */
  function echoProtoset(): Buffer {
    const files = (loadSync(path.join(HERE, 'echo.proto'), { keepCase: true })['echo.v1.Flat'] as { fileDescriptorProtos: Buffer[] }).fileDescriptorProtos;
    // Field 1 (repeated FileDescriptorProto file), length-delimited: tag 0x0a, varint length, bytes.
    return Buffer.concat(
      files.flatMap((file) => {
        const length: number[] = [];
        for (let rest = file.length; ; rest >>>= 7) {
          if (rest < 0x80) {
            length.push(rest);
            break;
          }
          length.push((rest & 0x7f) | 0x80);
        }
        return [Buffer.from([0x0a, ...length]), file];
      }),
    );
  }

  it('reads the methods of a binary FileDescriptorSet, with the same naming as .proto files', () => {
    const library = loadProtosetFile(new Map(), '/protosets/echo.pb', () => echoProtoset());
    const plain = library.methods.get('echo.v1.Echo/Plain')!;
    expect(plain.path).toBe('/echo.v1.Echo/Plain');
    const echo = library.methods.get('echo.v1.Echo/Echo')!;
    // protobufjs reads descriptor sets with camel-cased field names; scripts still use protoc's names.
    expect(roundTrip(echo, { big_number: 5, field_2_name: 'x' })).toMatchObject({ bigNumber: '5', manyItems: [], field2Name: 'x' });
    expect(roundTrip(echo, { singleItem: { item_name: 'y' } })).toMatchObject({ singleItem: { itemName: 'y' } });
  });

  it('refuses a file that is not a FileDescriptorSet, naming it', () => {
    expect(() => loadProtosetFile(new Map(), '/protosets/bad.pb', () => Buffer.from('not a descriptor set'))).toThrow(/cannot read \/protosets\/bad\.pb/);
  });
});

describe('message naming, as k6 maps protobuf to JSON', () => {
  const echo = echoLibrary().methods.get('echo.v1.Echo/Echo')!;

  it('gives replies JSON names and proto3 JSON values, unset fields included with their defaults', () => {
    expect(roundTrip(echo, { bigNumber: '9007199254740993', color: 'COLOR_RED', rawData: 'AAEC', textChoice: 'hi' })).toEqual({
      bigNumber: '9007199254740993',
      singleItem: null,
      manyItems: [],
      itemsByKey: {},
      color: 'COLOR_RED',
      rawData: 'AAEC',
      maybeCount: null,
      textChoice: 'hi',
      field2Name: '',
    });
  });

  it('accepts JSON names and .proto names alike, in nested messages, lists and map values too', () => {
    const reply = roundTrip(echo, {
      single_item: { item_name: 'a', flatValue: { name: 'x', count: 1 } },
      manyItems: [{ itemName: 'b' }, { item_name: 'c' }],
      items_by_key: { some_key: { item_name: 'd' } },
      field_2_name: 'e',
    }) as Record<string, unknown>;
    expect(reply.singleItem).toEqual({ itemName: 'a', flatValue: { name: 'x', count: 1 } });
    expect(reply.manyItems).toEqual([
      { itemName: 'b', flatValue: null },
      { itemName: 'c', flatValue: null },
    ]);
    // Map keys are data, not field names: they keep their spelling.
    expect(reply.itemsByKey).toEqual({ some_key: { itemName: 'd', flatValue: null } });
    expect(reply.field2Name).toBe('e');
  });

  it('writes wrapper types as bare values, and reads them bare or wrapped', () => {
    expect((roundTrip(echo, { maybeCount: 0 }) as Record<string, unknown>).maybeCount).toBe(0);
    expect((roundTrip(echo, { maybeCount: { value: 7 } }) as Record<string, unknown>).maybeCount).toBe(7);
  });

  it('passes messages without renamed fields through untouched', () => {
    const plain = echoLibrary().methods.get('echo.v1.Echo/Plain')!;
    expect(roundTrip(plain, { name: 'n', count: 3 })).toEqual({ name: 'n', count: 3 });
    expect(roundTrip(plain, undefined)).toEqual({ name: '', count: 0 });
  });

  it.each([
    [{ bigNumbr: 1 }, 'unknown field "bigNumbr" in echo.v1.Envelope; echo.v1.Envelope has bigNumber (big_number), singleItem (single_item)'],
    [{ singleItem: { itemNme: 'x' } }, 'unknown field "itemNme" in echo.v1.Envelope.singleItem; echo.v1.Envelope.Item has itemName (item_name)'],
    [{ manyItems: [{ flatValue: { size: 1 } }] }, 'unknown field "size" in echo.v1.Envelope.manyItems.flatValue; echo.v1.Flat has name, count'],
    ['not an object', 'invalid echo.v1.Envelope; expected an object with the fields of echo.v1.Envelope, got "not an object"'],
    [[1, 2], 'invalid echo.v1.Envelope; expected an object with the fields of echo.v1.Envelope, got an array'],
  ])('refuses the request %j, naming what the message has', (request, message) => {
    expect(() => echo.encode(request)).toThrow(message);
  });
});
