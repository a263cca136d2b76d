import { shown } from './shop-error.ts';

/**
 * A frame a client sends to the WebSocket hub (JSON text):
 * - `{"type":"join","room":"lobby"}` subscribes the socket to a room;
 * - `{"type":"publish","room":"lobby","sentAt":1712345678901.237,"id":"vu3-17","payload":"..."}` sends the
 *   message to every socket joined to the room, publisher included if it joined. `sentAt` is the
 *   publisher's epoch-ms stamp, with a fraction when it has a finer clock; the hub relays it unchanged.
 */
export type HubMessage =
  | { kind: 'join'; room: string }
  | { kind: 'publish'; room: string; sentAt: number; id: string; payload: string };

/** A frame the hub could not take; the hub answers `{"type":"error","error":reason}` and keeps the connection. */
export interface HubMessageError {
  kind: 'error';
  reason: string;
}

// Room names are map keys held for the hub's lifetime; a bound keeps a misbehaving client from bloating them.
const MAX_ROOM_LENGTH = 100;
const MAX_ID_LENGTH = 200;
const EXAMPLE = '{"type":"join","room":"lobby"}';

/** Parses one text frame; never throws, since a bad frame must not cost the client its connection. */
export function parseHubMessage(text: string): HubMessage | HubMessageError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid(`invalid frame; expected a JSON object such as ${EXAMPLE}, got ${brief(text)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid(`invalid frame; expected a JSON object such as ${EXAMPLE}, got ${brief(value)}`);
  }
  const frame = value as Record<string, unknown>;
  const { type, room } = frame;
  if (type !== 'join' && type !== 'publish') {
    return invalid(`invalid type; expected "join" or "publish", got ${brief(type)}`);
  }
  if (typeof room !== 'string' || room.length === 0 || room.length > MAX_ROOM_LENGTH) {
    return invalid(`invalid room; expected a string of 1 to ${MAX_ROOM_LENGTH} characters, got ${brief(room)}`);
  }
  if (type === 'join') return { kind: 'join', room };

  const { sentAt, id, payload } = frame;
  if (typeof sentAt !== 'number' || !Number.isFinite(sentAt)) {
    return invalid(`invalid sentAt; expected the send time as a number (such as Date.now()), got ${brief(sentAt)}`);
  }
  if (typeof id !== 'string' || id.length > MAX_ID_LENGTH) {
    return invalid(`invalid id; expected a string of at most ${MAX_ID_LENGTH} characters, got ${brief(id)}`);
  }
  if (typeof payload !== 'string') return invalid(`invalid payload; expected a string, got ${brief(payload)}`);
  return { kind: 'publish', room, sentAt, id, payload };
}

function invalid(reason: string): HubMessageError {
  return { kind: 'error', reason };
}

function brief(value: unknown): string {
  const text = value === undefined ? 'nothing' : shown(value);
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}
