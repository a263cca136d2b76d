import type { createConnection, Socket } from 'node:net';
import { WebSocket as WsClient, type RawData } from 'ws';
import type { Tags } from '../../metrics/metric-types.ts';
import type { TagSet } from '../../metrics/sample-sink.ts';
import { isWsEventName, WS_EVENT_NAMES, WsCloseEvent, WsErrorEvent, WsMessageEvent, WsPlainEvent, type WsEvent, type WsEventName } from './web-socket-events.ts';
import { readWebSocketParams } from './web-socket-params.ts';
import type { WsVuContext } from './ws-vu-context.ts';

type Listener = (event: WsEvent) => void;
type Handler = Listener | null;
type BinaryType = 'blob' | 'arraybuffer';

const READY_STATES = { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 } as const;

/** A close without a close frame (connection lost, handshake failed): the browser's "not clean". */
const ABNORMAL_CLOSURE = 1006;

/** ws (since 8.18) delivers binary frames as Blobs when asked; @types/ws does not list 'blob' yet. */
function setClientBinaryType(client: WsClient, type: BinaryType): void {
  client.binaryType = type as 'arraybuffer';
}

/** A `createConnection` for ws that opens no socket and fails the handshake request with `error`. */
function refuseConnection(error: Error): typeof createConnection {
  return ((_options: unknown, oncreate: (error: Error) => void) => {
    oncreate(error);
    return undefined;
  }) as unknown as typeof createConnection;
}

function notOpenYet(method: string): Error {
  return new Error(`InvalidStateError: WebSocket.${method}() was called while the connection is still being established; call it from onopen`);
}

/**
 * The `WebSocket` class of one VU's k6/websockets: the browser API plus k6's params, on a `ws` client.
 * Every script callback runs through `vu.invoke`, so a throw fails the iteration, and each socket holds
 * the iteration open until it closes, as k6's per-VU event loop does.
 */
export function createWebSocketClass(context: WsVuContext) {
  const { vu, metrics } = context;

  // One function for every callback, so dispatch allocates only vu.invoke's argument list. A throw
  // ends the iteration; the sockets it opened must not call into the next one.
  const call = ((callback: Listener, event: WsEvent, target: object) => {
    try {
      callback.call(target, event);
    } catch (error) {
      context.terminateAll();
      throw error;
    }
  }) as (...args: unknown[]) => void;

  class WebSocket {
    static readonly CONNECTING = READY_STATES.CONNECTING;
    static readonly OPEN = READY_STATES.OPEN;
    static readonly CLOSING = READY_STATES.CLOSING;
    static readonly CLOSED = READY_STATES.CLOSED;

    onopen: Handler = null;
    onmessage: Handler = null;
    onclose: Handler = null;
    onerror: Handler = null;
    onping: Handler = null;
    onpong: Handler = null;

    readonly #client: WsClient;
    readonly #url: string;
    readonly #tags: Tags;
    readonly #base: Tags;
    readonly #iteration: number;
    readonly #startedAt = performance.now();
    readonly #release: () => void;
    #listeners: Partial<Record<WsEventName, Listener[]>> | undefined;
    #binaryType: BinaryType = 'blob';
    #tagSet: TagSet | undefined;
    #socket: Socket | undefined;
    /** When each unanswered ping() was sent; pongs answer them in order. */
    readonly #pings: number[] = [];
    /** Set once the socket may no longer call the script: terminated, or left by its iteration. */
    #dead = false;

    constructor(url: string, protocols?: string | string[] | null, params?: unknown) {
      if (vu.stage === 'init') {
        throw new Error('WebSocket connections cannot be opened in the init context; open them in the default function or an exported scenario function');
      }
      const settings = readWebSocketParams(url, protocols, params);
      this.#url = settings.url;
      this.#tags = settings.tags;
      this.#base = vu.baseTags();
      this.#iteration = vu.iteration;
      // A host outside the allowlist gets no socket: the handshake request fails at once, and the script sees
      // an error event and a close (1006), as for a refused connection.
      const refusal = vu.runtime.hostAllowlist.refusal(settings.hostname);
      // k6 sends no compression offer unless asked; ws would offer permessage-deflate by default.
      const client = new WsClient(settings.url, settings.protocols, {
        headers: settings.headers,
        perMessageDeflate: settings.deflate,
        ...(refusal && { createConnection: refuseConnection(refusal) }),
      });
      setClientBinaryType(client, 'blob');
      this.#client = client;
      this.#release = vu.hold();
      context.track(this);
      client.on('upgrade', (response) => {
        // Nagle would hold small frames for an ACK; latency is what the test measures.
        response.socket.setNoDelay(true);
        this.#socket = response.socket;
      });
      client.on('open', () => this.#onOpen());
      client.on('message', (data: RawData, isBinary: boolean) => this.#onMessage(data, isBinary));
      client.on('ping', () => this.#live() && this.#dispatch(this.onping, 'ping', new WsPlainEvent('ping', this)));
      client.on('pong', () => this.#onPong());
      client.on('error', (error: Error) => this.#live() && this.#dispatch(this.onerror, 'error', new WsErrorEvent(error.message, this)));
      client.on('close', (code: number, reason: Buffer) => this.#onClose(code, reason));
    }

    get url(): string {
      return this.#url;
    }

    get readyState(): number {
      return this.#client.readyState;
    }

    get bufferedAmount(): number {
      return this.#client.bufferedAmount;
    }

    get protocol(): string {
      return this.#client.protocol;
    }

    get extensions(): string {
      return this.#client.extensions;
    }

    get binaryType(): BinaryType {
      return this.#binaryType;
    }

    set binaryType(type: BinaryType) {
      if (type !== 'blob' && type !== 'arraybuffer') {
        throw new TypeError(`invalid binaryType ${JSON.stringify(type)}; expected "blob" or "arraybuffer"`);
      }
      this.#binaryType = type;
      setClientBinaryType(this.#client, type);
    }

    /** Sends a text frame for a string, a binary one for an ArrayBuffer, a view or a Blob. */
    send(data: string | ArrayBuffer | ArrayBufferView | Blob): void {
      const client = this.#client;
      if (client.readyState === READY_STATES.CONNECTING) throw notOpenYet('send');
      // As in browsers, data sent once closing has begun is dropped without an error.
      if (client.readyState !== READY_STATES.OPEN) return;
      const payload = typeof data === 'string' || data instanceof ArrayBuffer || ArrayBuffer.isView(data) || data instanceof Blob ? data : String(data);
      client.send(payload);
      vu.emit(metrics.ws_msgs_sent, this.#tagSet!, 1);
    }

    /** Sends a ping; its pong is timed into ws_ping and dispatched as a `pong` event. */
    ping(): void {
      const client = this.#client;
      if (client.readyState === READY_STATES.CONNECTING) throw notOpenYet('ping');
      if (client.readyState !== READY_STATES.OPEN) return;
      this.#pings.push(performance.now());
      client.ping();
    }

    /** Starts the closing handshake; `onclose` follows. Codes and reasons are checked as browsers do. */
    close(code?: number, reason?: string): void {
      if (this.#client.readyState === READY_STATES.CLOSED) return;
      this.#client.close(code, reason);
    }

    addEventListener(event: WsEventName, listener: Listener): void {
      if (!isWsEventName(event)) throw new TypeError(`unknown WebSocket event ${JSON.stringify(event)}; expected one of ${WS_EVENT_NAMES.join(', ')}`);
      if (typeof listener !== 'function') throw new TypeError(`the listener for WebSocket event "${event}" must be a function, got ${typeof listener}`);
      this.#listeners ??= {};
      (this.#listeners[event] ??= []).push(listener);
    }

    removeEventListener(event: WsEventName, listener: Listener): void {
      const listeners = this.#listeners?.[event];
      const index = listeners ? listeners.indexOf(listener) : -1;
      if (index >= 0) listeners!.splice(index, 1);
    }

    /** Drops the connection without a close handshake or any further callback. */
    terminate(): void {
      this.#dead = true;
      this.#client.terminate();
    }

    /**
     * Whether the script may still hear from this socket. A socket whose iteration ended (it failed,
     * or was interrupted) while the socket stayed open is dropped at its next event.
     */
    #live(): boolean {
      if (this.#dead) return false;
      if (vu.iteration === this.#iteration) return true;
      context.untrack(this);
      this.terminate();
      return false;
    }

    /** Calls the `on<event>` handler, then the listeners in the order they were added. */
    #dispatch(handler: Handler, name: WsEventName, event: WsEvent): void {
      if (handler) vu.invoke(call, [handler, event, this]);
      const listeners = this.#listeners?.[name];
      if (!listeners) return;
      for (const listener of listeners.length === 1 ? listeners : [...listeners]) {
        if (this.#dead) return;
        vu.invoke(call, [listener, event, this]);
      }
    }

    #onOpen(): void {
      if (!this.#live()) return;
      const tagSet = context.sessionTagSet(this.#base, this.#url, this.#client.protocol, this.#tags);
      this.#tagSet = tagSet;
      vu.emit(metrics.ws_connecting, tagSet, performance.now() - this.#startedAt);
      vu.emit(metrics.ws_sessions, tagSet, 1);
      this.#dispatch(this.onopen, 'open', new WsPlainEvent('open', this));
    }

    #onMessage(data: RawData, isBinary: boolean): void {
      if (!this.#live()) return;
      vu.emit(metrics.ws_msgs_received, this.#tagSet!, 1);
      // The client's binaryType already made binary frames a Blob or an ArrayBuffer.
      const payload = isBinary ? (data as ArrayBuffer | Blob) : (data as Buffer).toString('utf8');
      this.#dispatch(this.onmessage, 'message', new WsMessageEvent(payload, this));
    }

    #onPong(): void {
      if (!this.#live()) return;
      const sentAt = this.#pings.shift();
      if (sentAt !== undefined) vu.emit(metrics.ws_ping, this.#tagSet!, performance.now() - sentAt);
      this.#dispatch(this.onpong, 'pong', new WsPlainEvent('pong', this));
    }

    #onClose(code: number, reason: Buffer): void {
      if (!this.#live()) return;
      context.untrack(this);
      const tagSet = this.#tagSet;
      if (tagSet) {
        vu.emit(metrics.ws_session_duration, tagSet, performance.now() - this.#startedAt);
        const socket = this.#socket;
        if (socket) {
          const { builtins } = vu.runtime;
          vu.emit(builtins.data_sent, tagSet, socket.bytesWritten);
          vu.emit(builtins.data_received, tagSet, socket.bytesRead);
        }
      }
      this.#dispatch(this.onclose, 'close', new WsCloseEvent(code, reason.toString('utf8'), code !== ABNORMAL_CLOSURE, this));
      this.#release();
    }
  }

  for (const [name, value] of Object.entries(READY_STATES)) {
    Object.defineProperty(WebSocket.prototype, name, { value, enumerable: true });
  }
  return WebSocket;
}
