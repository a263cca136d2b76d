import path from 'node:path';
import { Metadata } from '@grpc/grpc-js';
import type { Metric } from '../../metrics/metric-registry.ts';
import type { Tags } from '../../metrics/metric-types.ts';
import type { Vu } from '../../runtime/vu.ts';
import { customTagKey } from '../../runtime/tag-set-cache.ts';
import { EXPECTED_ADDRESS, hostOfAddress } from '../../net/host-allowlist.ts';
import { metadataToObject, readCallParams, type CallParams } from './call-params.ts';
import { readConnectParams } from './connect-params.ts';
import { GrpcConnection, type CallOutcome } from './grpc-connection.ts';
import { loadProtoFiles, loadProtosetFile, resolveProtoFiles, type GrpcMethod, type ProtoLibrary } from './proto-library.ts';
import type { RequestTracer } from '../../tracing/request-tracer.ts';

/** `error` of a failed call's response, as k6 shapes it. */
export interface GrpcError {
  code: number;
  details: unknown[];
  message: string;
}

/** What `asyncInvoke` resolves with, as k6 documents its Response. */
export interface GrpcResponse {
  status: number;
  /** The reply with JSON field names (`productId`); null unless the status is OK. */
  message: unknown;
  headers: Record<string, string[]>;
  trailers: Record<string, string[]>;
  error: GrpcError | null;
}

/** What the Client class of one VU's module shares. */
export interface GrpcContext {
  readonly vu: Vu;
  readonly metric: Metric;
  /** Parsed definitions of this thread, by resolved paths: every VU's init loads the same files. */
  readonly libraries: Map<string, ProtoLibrary>;
  /** The VU's open connections, whose calls an interrupted or failed iteration cancels. */
  readonly connections: Set<GrpcConnection>;
  /**
   * How many iterations of this VU ended interrupted or failed: a call made before the latest one belongs
   * to an iteration that is over, and must neither emit, resolve nor release its hold.
   */
  abandoned: number;
}

const NO_METHODS: ReadonlyMap<string, GrpcMethod> = new Map();
const DEFAULT_USER_AGENT = 'loadbook/0.1 (k6-compatible)';

/**
 * The call's params with a `traceparent` in its metadata, and that value: the script's own when its
 * metadata has one, else a new one. Script metadata is built afresh for every call, so adding to it is safe.
 */
function tracedCall(call: CallParams, tracer: RequestTracer): { call: CallParams; traceparent: string } {
  const own = call.metadata?.get('traceparent')[0];
  if (typeof own === 'string') return { call, traceparent: own };
  const traceparent = tracer.traceparent();
  if (call.metadata !== undefined) {
    call.metadata.set('traceparent', traceparent);
    return { call, traceparent };
  }
  const metadata = new Metadata();
  metadata.set('traceparent', traceparent);
  return { call: { ...call, metadata }, traceparent };
}

/** The `Client` class of one VU's `k6/net/grpc`. */
export function clientClass(context: GrpcContext) {
  const { vu, metric } = context;
  const { tracer } = vu.runtime;
  const scriptDir = () => path.dirname(vu.runtime.factory.bundle.entry);

  function initOnly(what: string): void {
    if (vu.stage !== 'init') {
      throw new Error(`grpc client.${what}() can only be called in the init context (module top level), as in k6; definitions are loaded once per VU before the test starts`);
    }
  }

  /** k6's system tags of a gRPC sample: name, url, method, service and the numeric status. */
  function emit(connection: GrpcConnection, method: GrpcMethod, tags: Tags | undefined, outcome: CallOutcome): void {
    const code = outcome.status.code;
    const key = tags ? `${method.path}\u0000${customTagKey(tags)}` : method.path;
    const tagSet = connection.tagSets.get(
      key,
      (base) => {
        const sampleTags: Tags = { ...base, name: method.path, url: connection.address + method.path, method: method.name, service: method.service, status: String(code) };
        for (const tag in tags) sampleTags[tag] = String(tags[tag]);
        return sampleTags;
      },
      code,
    );
    vu.emit(metric, tagSet, outcome.durationMs);
  }

  function responseOf(outcome: CallOutcome): GrpcResponse {
    const { code, details, metadata } = outcome.status;
    const ok = code === 0;
    return {
      status: code,
      message: ok ? (outcome.reply ?? null) : null,
      headers: metadataToObject(outcome.headers),
      trailers: metadataToObject(metadata),
      error: ok ? null : { code, details: [], message: details },
    };
  }

  return class Client {
    private methods = NO_METHODS;
    private connection: GrpcConnection | undefined;

    /** Parses .proto files: import paths relative to the script's directory, files looked up in them. */
    load(importPaths: unknown, ...protoFiles: unknown[]): void {
      initOnly('load');
      if (importPaths !== null && importPaths !== undefined && !Array.isArray(importPaths)) {
        throw new TypeError(`grpc client.load(): invalid import paths ${JSON.stringify(importPaths)}; expected an array of directories, e.g. client.load(['../proto'], 'inventory.proto')`);
      }
      if (protoFiles.length === 0) throw new TypeError('grpc client.load(): no .proto file given; expected client.load([importPaths], "file.proto", ...)');
      const resolved = resolveProtoFiles(scriptDir(), (importPaths ?? []).map(String), protoFiles.map(String));
      this.add(loadProtoFiles(context.libraries, resolved.includeDirs, resolved.files));
    }

    /** Reads a binary FileDescriptorSet, relative to the script's directory. */
    loadProtoset(file: unknown): void {
      initOnly('loadProtoset');
      const resolved = path.resolve(scriptDir(), String(file));
      this.add(loadProtosetFile(context.libraries, resolved, (name) => vu.runtime.readFile(name)));
    }

    /**
     * Opens this VU's connection. Unlike k6 it returns before the connection is up: the first call waits
     * for it, and a refused connection shows as calls failing with status Unavailable (14). A host outside
     * the allowlist throws here, before any socket opens, as k6's connect() throws for a blocked host.
     */
    connect(address: unknown, params?: unknown): void {
      if (vu.stage === 'init') {
        throw new Error('grpc client.connect() cannot be called in the init context; connect in the default function (e.g. on the first iteration), as in k6');
      }
      const host = typeof address === 'string' ? hostOfAddress(address, 'host-port') : undefined;
      if (host === undefined) {
        throw new TypeError(`grpc client.connect(): invalid address ${JSON.stringify(address)}; expected ${EXPECTED_ADDRESS['host-port']}`);
      }
      const refusal = vu.runtime.hostAllowlist.refusal(host);
      if (refusal !== undefined) throw Object.assign(refusal, { message: `grpc client.connect(${JSON.stringify(address)}): ${refusal.message}` });
      const userAgent = typeof vu.runtime.options.userAgent === 'string' ? vu.runtime.options.userAgent : DEFAULT_USER_AGENT;
      const settings = readConnectParams(params, userAgent);
      this.close();
      this.connection = new GrpcConnection(address as string, settings, vu);
      context.connections.add(this.connection);
    }

    invoke(url: unknown): never {
      throw new Error(
        `grpc client.invoke(${JSON.stringify(url)}) is synchronous and would block the VU; loadbook VUs never block, use await client.asyncInvoke(url, request, params) instead`,
      );
    }

    /**
     * Makes a unary call. The promise resolves with k6's response object whatever the status, a deadline
     * exceeded included (status 4); it never rejects. Misuse (no connection, unknown method or field)
     * throws at once, as k6 does.
     */
    asyncInvoke(url: unknown, request?: unknown, params?: unknown): Promise<GrpcResponse> {
      if (vu.stage === 'init') throw new Error('grpc client.asyncInvoke() cannot be called in the init context; call it in the default function');
      const method = this.method(url);
      const connection = this.connection;
      if (!connection) throw new Error(`grpc client.asyncInvoke(${JSON.stringify(url)}): no connection; call client.connect(address, { plaintext: true }) first`);
      let call = readCallParams(params);
      let traceparent = '';
      if (tracer !== undefined) ({ call, traceparent } = tracedCall(call, tracer));
      let payload: Buffer;
      try {
        payload = method.encode(request);
      } catch (error) {
        throw new TypeError(`grpc client.asyncInvoke(${JSON.stringify(url)}): cannot encode the request: ${(error as Error).message}`);
      }
      const abandoned = context.abandoned;
      const over = () => context.abandoned !== abandoned;
      // Held like a socket: an iteration that does not await the promise still lasts until it settles, as
      // in k6's event loop.
      const release = vu.hold();
      return new Promise((resolve) => {
        const send = () => {
          if (over()) return;
          connection.call(method, payload, call, (outcome) => {
            // The call of an iteration that was interrupted or failed is nobody's: no sample, and the
            // promise stays pending, as the engine's timers do. Its hold went with the iteration.
            if (over()) return;
            emit(connection, method, call.tags, outcome);
            if (tracer !== undefined) {
              tracer.record(vu.scenario, traceparent, 'grpc_req_duration', outcome.durationMs, method.path, outcome.status.code, undefined);
            }
            resolve(responseOf(outcome));
            // After the script's own callbacks on this promise have run.
            setImmediate(() => over() || release());
          });
        };
        if (connection.ready) void connection.ready.then(send);
        else send();
      });
    }

    healthCheck(): never {
      throw new Error(
        'grpc client.healthCheck() is synchronous and not implemented by loadbook; load grpc/health/v1/health.proto and use await client.asyncInvoke("grpc.health.v1.Health/Check", { service })',
      );
    }

    close(): void {
      if (!this.connection) return;
      context.connections.delete(this.connection);
      this.connection.close();
      this.connection = undefined;
    }

    private add(library: ProtoLibrary): void {
      this.methods = this.methods === NO_METHODS ? library.methods : new Map([...this.methods, ...library.methods]);
    }

    private method(url: unknown): GrpcMethod {
      const method = typeof url === 'string' ? this.methods.get(url) : undefined;
      if (method) {
        if (method.streaming) throw new Error(`grpc: ${method.path} is a streaming method; loadbook implements unary calls only (k6's Stream is not available)`);
        return method;
      }
      if (this.methods.size === 0) throw new Error(`grpc: method ${JSON.stringify(url)} not found; no definitions loaded, call client.load() in the init context first`);
      const known = [...new Set([...this.methods.values()].map((m) => m.path.slice(1)))].join(', ');
      throw new Error(`grpc: method ${JSON.stringify(url)} not found in the loaded definitions; expected one of ${known}`);
    }
  };
}
