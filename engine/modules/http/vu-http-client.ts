import type { Socket } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { LOOPBACK_ONLY, type HostAllowlist } from '../../net/host-allowlist.ts';
import type { HttpTransport } from './http-transport.ts';
import { sendExchange, type ExchangeRequest, type ExchangeResult } from './send-exchange.ts';

/** A finished connection attempt, kept until the request that waited for it claims its timings. */
interface ConnectTiming {
  start: number;
  tcpDone: number;
  tlsDone: number;
  claimed: boolean;
}

/** Timing of one exchange as k6 splits it, in milliseconds. */
export interface ExchangeTimings {
  blocked: number;
  connecting: number;
  tls_handshaking: number;
  sending: number;
  waiting: number;
  receiving: number;
  duration: number;
}

/**
 * A VU's own connections through undici, for https (plain http goes through the leaner Http1Client).
 * Owning the connector lets the engine time TCP connects and TLS handshakes, and count the bytes each
 * VU's sockets moved, and refuse hosts outside `allowlist` before a socket opens.
 */
export class VuHttpClient implements HttpTransport {
  readonly dispatcher: Dispatcher;
  private readonly sockets = new Set<Socket>();
  private lastConnect: ConnectTiming | undefined;
  private bytesWritten = 0;
  private bytesRead = 0;
  private sentSoFar = 0;
  private receivedSoFar = 0;

  constructor(allowlist: HostAllowlist = LOOPBACK_ONLY) {
    const connect = buildConnector({});
    this.dispatcher = new Agent({
      keepAliveTimeout: 60_000,
      connect: (options, callback) => {
        const refusal = allowlist.refusal(options.hostname);
        if (refusal !== undefined) {
          callback(refusal, null);
          return undefined as never;
        }
        const timing: ConnectTiming = { start: performance.now(), tcpDone: 0, tlsDone: 0, claimed: false };
        const https = options.protocol === 'https:';
        const socket = connect(options, (error, connected) => {
          timing.tlsDone = performance.now();
          if (!https || !timing.tcpDone) timing.tcpDone = timing.tlsDone;
          if (connected) this.track(connected as Socket);
          this.lastConnect = timing;
          callback(error, connected as never);
        }) as unknown as Socket | undefined;
        // For TLS, 'connect' marks the end of the TCP handshake and the callback the end of the TLS one.
        if (https) socket?.once?.('connect', () => (timing.tcpDone = performance.now()));
        return socket as never;
      },
    });
  }

  send(request: ExchangeRequest): Promise<ExchangeResult> {
    return sendExchange(this, request);
  }

  /** Splits the wait before the request went out into blocked and connecting (plus TLS). */
  connectTimingsBetween(dispatched: number, started: number): { connecting: number; tls: number } {
    const timing = this.lastConnect;
    if (!timing || timing.claimed || timing.start < dispatched || timing.tlsDone > started) return { connecting: 0, tls: 0 };
    timing.claimed = true;
    return { connecting: timing.tcpDone - timing.start, tls: timing.tlsDone - timing.tcpDone };
  }

  /** Bytes moved by this VU's sockets since the previous call. */
  takeByteCounts(): { sent: number; received: number } {
    let written = this.bytesWritten;
    let read = this.bytesRead;
    for (const socket of this.sockets) {
      written += socket.bytesWritten;
      read += socket.bytesRead;
    }
    const counts = { sent: written - this.sentSoFar, received: read - this.receivedSoFar };
    this.sentSoFar = written;
    this.receivedSoFar = read;
    return counts;
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => {
      this.sockets.delete(socket);
      this.bytesWritten += socket.bytesWritten;
      this.bytesRead += socket.bytesRead;
    });
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}
