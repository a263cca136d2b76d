import { describe, expect, it } from 'vitest';
import { readWebSocketParams } from '../../../../../engine/modules/websockets/web-socket-params.ts';

describe('readWebSocketParams', () => {
  it.each([
    ['a relative URL', '/ws', undefined, undefined, 'invalid WebSocket URL "/ws"; expected an absolute ws:// or wss:// URL'],
    ['an http URL', 'http://127.0.0.1/ws', undefined, undefined, 'expected the ws:// or wss:// scheme, got http://'],
    ['a fragment', 'ws://127.0.0.1/ws#top', undefined, undefined, 'a WebSocket URL cannot have a #fragment'],
    ['a subprotocol with a space', 'ws://127.0.0.1/ws', 'chat v2', undefined, 'invalid WebSocket subprotocol "chat v2"'],
    ['a subprotocol that is not a string', 'ws://127.0.0.1/ws', [42], undefined, 'invalid WebSocket subprotocol 42'],
    ['an unknown compression', 'ws://127.0.0.1/ws', null, { compression: 'gzip' }, 'invalid WebSocket compression "gzip"; expected "deflate" or none'],
  ])('refuses %s, naming what was expected', (_case, url, protocols, params, message) => {
    expect(() => readWebSocketParams(url, protocols, params)).toThrow(message);
  });

  it('normalises the URL, takes one protocol or a list, stringifies headers and keeps the tags object', () => {
    const tags = { room: 'lobby' };
    const settings = readWebSocketParams('ws://127.0.0.1:3300', 'chat', { headers: { 'X-Id': 7 }, tags, compression: 'deflate' });
    expect(settings).toEqual({ url: 'ws://127.0.0.1:3300/', hostname: '127.0.0.1', protocols: ['chat'], headers: { 'X-Id': '7' }, tags, deflate: true });
    expect(settings.tags).toBe(tags);
    expect(readWebSocketParams('wss://example.test/ws', ['a', 'b'], null)).toMatchObject({ protocols: ['a', 'b'], deflate: false, tags: {} });
  });
});
