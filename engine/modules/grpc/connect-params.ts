import { credentials, type ChannelCredentials, type ChannelOptions } from '@grpc/grpc-js';
import { parseDuration } from '../../options/parse-duration.ts';

/** k6's default connect timeout: 60 s. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 60_000;

/** `client.connect()`'s params after reading. */
export interface ConnectSettings {
  credentials: ChannelCredentials;
  channelOptions: ChannelOptions;
  timeoutMs: number;
}

interface RawConnectParams {
  plaintext?: unknown;
  reflect?: unknown;
  timeout?: unknown;
  maxReceiveSize?: unknown;
  maxSendSize?: unknown;
  tls?: { cert?: unknown; key?: unknown; password?: unknown; cacerts?: unknown };
}

/** Reads k6's `{ plaintext, timeout, reflect, maxReceiveSize, maxSendSize, tls }`. */
export function readConnectParams(raw: unknown, userAgent: string): ConnectSettings {
  if (raw !== undefined && raw !== null && typeof raw !== 'object') {
    throw new TypeError(`invalid grpc connect params ${JSON.stringify(raw)}; expected an object such as { plaintext: true, timeout: '5s' }`);
  }
  const params = (raw ?? {}) as RawConnectParams;
  if (params.reflect === true) {
    throw new Error(
      'grpc client.connect({ reflect: true }): server reflection is not implemented by loadbook; load the definitions with client.load([importPaths], "file.proto") in the init context instead',
    );
  }
  const channelOptions: ChannelOptions = {
    // Each VU has its own connection, as in k6; grpc-js would otherwise share one TCP connection among
    // every channel to the same address in the thread.
    'grpc.use_local_subchannel_pool': 1,
    'grpc.primary_user_agent': userAgent,
  };
  if (params.maxReceiveSize !== undefined) channelOptions['grpc.max_receive_message_length'] = sizeOf(params.maxReceiveSize, 'maxReceiveSize');
  if (params.maxSendSize !== undefined) channelOptions['grpc.max_send_message_length'] = sizeOf(params.maxSendSize, 'maxSendSize');
  return {
    credentials: params.plaintext === true ? credentials.createInsecure() : tlsCredentials(params.tls),
    channelOptions,
    timeoutMs: params.timeout === undefined ? DEFAULT_CONNECT_TIMEOUT_MS : parseDuration(params.timeout, 'grpc connect timeout'),
  };
}

function sizeOf(value: unknown, name: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw new TypeError(`invalid grpc connect ${name} ${JSON.stringify(value)}; expected a positive number of bytes`);
}

function tlsCredentials(tls: RawConnectParams['tls']): ChannelCredentials {
  if (!tls) return credentials.createSsl();
  if (tls.password !== undefined) {
    throw new Error('grpc client.connect(): tls.password (an encrypted private key) is not supported by loadbook; pass a decrypted PEM key');
  }
  const pem = (value: unknown) => (value === undefined ? null : Buffer.from(Array.isArray(value) ? value.join('\n') : String(value)));
  return credentials.createSsl(pem(tls.cacerts), pem(tls.key), pem(tls.cert));
}
