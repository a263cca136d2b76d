import type { Vu } from '../../runtime/vu.ts';
import type { VuRuntime } from '../../runtime/vu-runtime.ts';
import { clientClass, type GrpcContext } from './grpc-client.ts';
import { GRPC_STATUS, HEALTH_CHECK_STATUS } from './grpc-status.ts';
import type { ProtoLibrary } from './proto-library.ts';

export type { GrpcError, GrpcResponse } from './grpc-client.ts';
export { GRPC_STATUS } from './grpc-status.ts';

/** Parsed definitions per thread (one VuRuntime each), shared by all its VUs. */
const LIBRARIES = new WeakMap<VuRuntime, Map<string, ProtoLibrary>>();

/** k6's streaming API; calling it says what is missing rather than failing somewhere later. */
class Stream {
  constructor() {
    throw new Error('grpc.Stream (streaming RPCs) is not implemented by loadbook; unary calls go through await client.asyncInvoke()');
  }
}

/** The `k6/net/grpc` module of one VU: Client, the status constants, and the `grpc_req_duration` metric. */
export function createGrpcModule(vu: Vu) {
  const metric = vu.runtime.registry.define('grpc_req_duration', 'trend', 'time');
  let libraries = LIBRARIES.get(vu.runtime);
  if (!libraries) {
    libraries = new Map();
    LIBRARIES.set(vu.runtime, libraries);
  }
  const context: GrpcContext = { vu, metric, libraries, connections: new Set(), abandoned: 0 };
  // Runs when an iteration is interrupted, and when one fails: its calls in flight are cancelled.
  vu.onInterrupt(() => {
    context.abandoned++;
    for (const connection of context.connections) connection.cancelCalls();
  });
  const module = {
    Client: clientClass(context),
    Stream,
    ...GRPC_STATUS,
    ...HEALTH_CHECK_STATUS,
  };
  return { ...module, default: module, __esModule: true };
}
