import { Metadata } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALL_TIMEOUT_MS, metadataOf, metadataToObject, readCallParams, timeoutMsOf } from '../../../../../engine/modules/grpc/call-params.ts';
import { DEFAULT_CONNECT_TIMEOUT_MS, readConnectParams } from '../../../../../engine/modules/grpc/connect-params.ts';
import { GRPC_STATUS } from '../../../../../engine/modules/grpc/grpc-status.ts';

describe('timeoutMsOf', () => {
  it.each([
    [undefined, 60_000],
    [250, 250],
    ['2s', 2_000],
    ['150ms', 150],
    ['1m30s', 90_000],
    ['150ms', 150],
  ])('reads the call deadline %j as %d ms', (timeout, ms) => {
    expect(timeoutMsOf(timeout)).toBe(ms);
  });

  it.each([['soon'], [-5], [true]])('refuses %j, saying what a timeout looks like', (timeout) => {
    expect(() => timeoutMsOf(timeout)).toThrow(/invalid grpc call timeout .*; expected a duration such as "30s"/);
  });
});

describe('readCallParams', () => {
  it("defaults to k6's 60 s deadline, no metadata and no tags", () => {
    expect(readCallParams(undefined)).toEqual({ metadata: undefined, tags: undefined, timeoutMs: DEFAULT_CALL_TIMEOUT_MS, discardResponseMessage: false });
  });

  it('keeps the tags object, reads discardResponseMessage, and builds metadata', () => {
    const tags = { kind: 'read' };
    const params = readCallParams({ tags, timeout: '100ms', discardResponseMessage: true, metadata: { 'x-run': 'a' } });
    expect(params.tags).toBe(tags);
    expect(params).toMatchObject({ timeoutMs: 100, discardResponseMessage: true });
    expect(params.metadata!.get('x-run')).toEqual(['a']);
  });

  it('refuses params that are not an object', () => {
    expect(() => readCallParams('2s')).toThrow('invalid grpc params "2s"; expected an object');
  });
});

describe('metadata', () => {
  it('sends values of keys ending in -bin as bytes and every other value as text, as k6 documents', () => {
    const metadata = metadataOf({ 'x-text': 42, 'x-raw-bin': new Uint8Array([1, 2, 3]), 'x-str-bin': 'ab' });
    expect(metadata.get('x-text')).toEqual(['42']);
    expect(metadata.get('x-raw-bin')).toEqual([Buffer.from([1, 2, 3])]);
    expect(metadata.get('x-str-bin')).toEqual([Buffer.from('ab')]);
  });

  it('refuses a -bin value that is not bytes or text', () => {
    expect(() => metadataOf({ 'x-bad-bin': 5 })).toThrow('keys ending in -bin take a string, an ArrayBuffer or a typed array, got number');
  });

  it('gives response headers and trailers as lists of values per key', () => {
    const metadata = new Metadata();
    metadata.add('x-served-by', 'a');
    metadata.add('x-served-by', 'b');
    metadata.add('x-id-bin', Buffer.from('id'));
    expect(metadataToObject(metadata)).toEqual({ 'x-served-by': ['a', 'b'], 'x-id-bin': ['id'] });
    expect(metadataToObject(undefined)).toEqual({});
  });
});

describe('readConnectParams', () => {
  it("uses k6's 60 s connect timeout and a connection of the VU's own", () => {
    const settings = readConnectParams({ plaintext: true }, 'ua');
    expect(settings.timeoutMs).toBe(DEFAULT_CONNECT_TIMEOUT_MS);
    expect(settings.channelOptions).toEqual({ 'grpc.use_local_subchannel_pool': 1, 'grpc.primary_user_agent': 'ua' });
    expect(settings.credentials._isSecure()).toBe(false);
  });

  it('connects with TLS unless plaintext is asked for, and passes message size limits on', () => {
    const settings = readConnectParams({ timeout: '5s', maxReceiveSize: 1024, maxSendSize: 2048 }, 'ua');
    expect(settings.credentials._isSecure()).toBe(true);
    expect(settings.timeoutMs).toBe(5_000);
    expect(settings.channelOptions).toMatchObject({ 'grpc.max_receive_message_length': 1024, 'grpc.max_send_message_length': 2048 });
  });

  it('refuses reflection, pointing at client.load()', () => {
    expect(() => readConnectParams({ plaintext: true, reflect: true }, 'ua')).toThrow(/reflection is not implemented by loadbook; load the definitions with client\.load/);
  });

  it.each([
    [{ maxReceiveSize: -1 }, 'invalid grpc connect maxReceiveSize -1; expected a positive number of bytes'],
    [{ timeout: 'later' }, 'invalid grpc connect timeout "later"'],
    ['plaintext', 'invalid grpc connect params "plaintext"; expected an object'],
  ])('refuses %j', (params, message) => {
    expect(() => readConnectParams(params, 'ua')).toThrow(message);
  });
});

describe('GRPC_STATUS', () => {
  it('numbers the statuses from StatusOK (0) to StatusUnauthenticated (16), DeadlineExceeded being 4', () => {
    expect(Object.values(GRPC_STATUS)).toEqual([...Array(17).keys()]);
    expect(GRPC_STATUS.StatusDeadlineExceeded).toBe(4);
    expect(GRPC_STATUS.StatusUnauthenticated).toBe(16);
  });
});
