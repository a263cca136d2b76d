/** The events a k6 WebSocket emits, as `addEventListener` and the `on<event>` handlers name them. */
export const WS_EVENT_NAMES = ['open', 'message', 'ping', 'pong', 'close', 'error'] as const;

export type WsEventName = (typeof WS_EVENT_NAMES)[number];

/** What a script's WebSocket callback receives. Classes, so every event of a kind shares one shape. */
export type WsEvent = WsPlainEvent | WsMessageEvent | WsCloseEvent | WsErrorEvent;

/** `open`, `ping` and `pong`: the type, when it happened, and the socket. */
export class WsPlainEvent {
  readonly timestamp = Date.now();
  constructor(
    readonly type: 'open' | 'ping' | 'pong',
    readonly target: object,
  ) {}
}

/** `message`: a string for text frames; a Blob or an ArrayBuffer (after `binaryType`) for binary ones. */
export class WsMessageEvent {
  readonly type = 'message';
  readonly timestamp = Date.now();
  constructor(
    readonly data: string | ArrayBuffer | Blob,
    readonly target: object,
  ) {}
}

/** `close`: the close code and reason, as the browser's CloseEvent has them. */
export class WsCloseEvent {
  readonly type = 'close';
  readonly timestamp = Date.now();
  constructor(
    readonly code: number,
    readonly reason: string,
    readonly wasClean: boolean,
    readonly target: object,
  ) {}
}

/** `error`: k6 gives the message as a string in `error`. */
export class WsErrorEvent {
  readonly type = 'error';
  readonly timestamp = Date.now();
  constructor(
    readonly error: string,
    readonly target: object,
  ) {}
}

/** Whether `name` is one of the events a WebSocket emits. */
export function isWsEventName(name: unknown): name is WsEventName {
  return (WS_EVENT_NAMES as readonly unknown[]).includes(name);
}
