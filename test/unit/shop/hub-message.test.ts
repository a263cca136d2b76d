import { describe, expect, it } from 'vitest';
import { parseHubMessage } from '../../../shop/hub-message.ts';

describe('parseHubMessage', () => {
  it.each([
    ['{"type":"join","room":"lobby"}', { kind: 'join', room: 'lobby' }],
    [
      '{"type":"publish","room":"lobby","sentAt":1712345678901.5,"id":"vu1-3","payload":"hi"}',
      { kind: 'publish', room: 'lobby', sentAt: 1712345678901.5, id: 'vu1-3', payload: 'hi' },
    ],
  ])('reads %s', (text, expected) => {
    expect(parseHubMessage(text)).toEqual(expected);
  });

  it.each([
    ['hello', 'invalid frame; expected a JSON object such as {"type":"join","room":"lobby"}, got "hello"'],
    ['[]', 'invalid frame; expected a JSON object such as {"type":"join","room":"lobby"}, got []'],
    ['{"room":"lobby"}', 'invalid type; expected "join" or "publish", got nothing'],
    ['{"type":"leave","room":"lobby"}', 'invalid type; expected "join" or "publish", got "leave"'],
    ['{"type":"join"}', 'invalid room; expected a string of 1 to 100 characters, got nothing'],
    ['{"type":"join","room":""}', 'invalid room; expected a string of 1 to 100 characters, got ""'],
    ['{"type":"publish","room":"r","id":"a","payload":""}', 'invalid sentAt; expected the send time as a number (such as Date.now()), got nothing'],
    ['{"type":"publish","room":"r","sentAt":"now","id":"a","payload":""}', 'invalid sentAt; expected the send time as a number (such as Date.now()), got "now"'],
    ['{"type":"publish","room":"r","sentAt":1,"id":7,"payload":""}', 'invalid id; expected a string of at most 200 characters, got 7'],
    ['{"type":"publish","room":"r","sentAt":1,"id":"a","payload":{"x":1}}', 'invalid payload; expected a string, got {"x":1}'],
  ])('answers %s with an error naming the field', (text, reason) => {
    expect(parseHubMessage(text)).toEqual({ kind: 'error', reason });
  });
});
