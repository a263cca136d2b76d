import { Connection } from '@platformatic/kafka';
import type { HostAllowlist } from '../../net/host-allowlist.ts';

/**
 * The `context` of a @platformatic/kafka client whose connections the allowlist checks: bootstrap brokers
 * and every broker the cluster's metadata names later, which a script never sees.
 */
export class KafkaHostGuard {
  constructor(readonly allowlist: HostAllowlist) {}
}

/** What every client of a VU (or of the samplers) is created with: its name and its guard. */
export interface GuardedClientOptions {
  clientId: string;
  context: KafkaHostGuard;
}

type Connect = (this: Connection, host: string, port: number, callback?: (error: Error | null) => void) => void | Promise<void>;

let installed = false;

/**
 * @platformatic/kafka offers no hook before a socket opens, and its ConnectionPool, which every client
 * connects through, calls `Connection.prototype.connect(host, port, callback)` for each broker. That method
 * is wrapped once per thread: a connection whose client carries a KafkaHostGuard and whose host the guard
 * refuses fails at once, without a socket, with an error marked not retriable so no retry loop follows.
 * Clients without a guard (the reference shop, the broker scripts) connect as before.
 */
function installConnectGuard(): void {
  if (installed) return;
  installed = true;
  const prototype = Connection.prototype as unknown as { connect: Connect };
  const connect = prototype.connect;
  prototype.connect = function guardedConnect(host, port, callback) {
    const guard = this.context;
    const refusal = guard instanceof KafkaHostGuard ? guard.allowlist.refusal(host) : undefined;
    if (refusal === undefined) return connect.call(this, host, port, callback);
    const error = Object.assign(refusal, { canRetry: false });
    if (!callback) return Promise.reject(error);
    process.nextTick(callback, error);
  };
}

/** Client options whose connections, to any broker, only go to hosts `allowlist` allows. */
export function guardedClientOptions(clientId: string, allowlist: HostAllowlist): GuardedClientOptions {
  installConnectGuard();
  return { clientId, context: new KafkaHostGuard(allowlist) };
}
