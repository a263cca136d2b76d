import { Client, connectivityState, Metadata, status as grpcStatus, type ClientUnaryCall, type StatusObject } from '@grpc/grpc-js';
import type { Vu } from '../../runtime/vu.ts';
import { TagSetCache } from '../../runtime/tag-set-cache.ts';
import type { CallParams } from './call-params.ts';
import type { ConnectSettings } from './connect-params.ts';
import type { GrpcMethod } from './proto-library.ts';

/** How one call ended, as the client turns it into k6's response object. */
export interface CallOutcome {
  status: StatusObject;
  /** The decoded reply; undefined unless the status is OK. */
  reply: unknown;
  headers: Metadata | undefined;
  durationMs: number;
}

const passBuffer = (buffer: Buffer): Buffer => buffer;
const discardReply = (): null => null;

/**
 * One `client.connect()`: a channel of the VU's own (its own TCP connection, as in k6), and the tag sets
 * of the calls made on it, since their `url` tag names its address.
 */
export class GrpcConnection {
  readonly tagSets: TagSetCache;
  /**
   * Settles when the first connection attempt is over, connected or refused (or the connect timeout
   * passed); undefined after that. k6 connects synchronously; the engine's VUs never block, so the first
   * call waits for it instead, and the connection time stays out of that call's duration, as in k6.
   */
  ready: Promise<void> | undefined;
  private readonly client: Client;
  private readonly calls = new Set<ClientUnaryCall>();

  constructor(
    readonly address: string,
    settings: ConnectSettings,
    vu: Vu,
  ) {
    this.tagSets = new TagSetCache(vu);
    this.client = new Client(address, settings.credentials, settings.channelOptions);
    this.ready = this.firstAttempt(settings.timeoutMs).then(() => {
      this.ready = undefined;
    });
  }

  /**
   * Waits for the channel to be ready or to fail. A refused connection settles at once: its calls then fail
   * fast with UNAVAILABLE (and succeed again once grpc-js reconnects), rather than each waiting out the
   * connect timeout.
   */
  private firstAttempt(timeoutMs: number): Promise<void> {
    const channel = this.client.getChannel();
    const deadline = Date.now() + timeoutMs;
    return new Promise((resolve) => {
      const watch = (state: connectivityState) => {
        if (state === connectivityState.READY || state === connectivityState.TRANSIENT_FAILURE || state === connectivityState.SHUTDOWN) {
          return resolve();
        }
        channel.watchConnectivityState(state, deadline, (error) => (error ? resolve() : watch(channel.getConnectivityState(false))));
      };
      watch(channel.getConnectivityState(true));
    });
  }

  /** Makes one unary call; `done` runs once, when its status is known. */
  call(method: GrpcMethod, payload: Buffer, params: CallParams, done: (outcome: CallOutcome) => void): void {
    let headers: Metadata | undefined;
    let reply: unknown;
    const started = performance.now();
    let call: ClientUnaryCall | undefined;
    let refused: Error | undefined;
    // grpc-js captures a caller stack for every call (an Error, ~5 µs here) that only decorates errors the
    // engine never shows; without frames it costs a fraction of that.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      call = this.client.makeUnaryRequest(
        method.path,
        passBuffer,
        params.discardResponseMessage ? discardReply : method.decode,
        payload,
        // grpc-js adds its own entries to the metadata of a call, so each call gets a fresh one.
        params.metadata ?? new Metadata(),
        { deadline: Date.now() + params.timeoutMs },
        (_error, value) => (reply = value),
      );
    } catch (error) {
      refused = error as Error;
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    if (!call) {
      // A closed channel refuses new calls synchronously.
      const status: StatusObject = { code: grpcStatus.UNAVAILABLE, details: refused?.message ?? 'call refused', metadata: new Metadata() };
      return done({ status, reply: undefined, headers: undefined, durationMs: performance.now() - started });
    }
    this.calls.add(call);
    call.on('metadata', (metadata: Metadata) => (headers = metadata));
    call.on('status', (status: StatusObject) => {
      this.calls.delete(call!);
      done({ status, reply, headers, durationMs: performance.now() - started });
    });
  }

  /** Cancels the calls in flight, when the VU's iteration is interrupted. */
  cancelCalls(): void {
    for (const call of this.calls) call.cancel();
  }

  close(): void {
    this.client.close();
  }
}
