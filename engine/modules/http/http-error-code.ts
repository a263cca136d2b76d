/** k6's error codes for failed HTTP requests (see k6's "Error codes" page). */
export const HTTP_ERROR_CODES = {
  generic: 1000,
  invalidUrl: 1020,
  requestTimeout: 1050,
  dnsGeneric: 1100,
  dnsNoIp: 1101,
  blockedIp: 1110,
  blockedHostname: 1111,
  tcpGeneric: 1200,
  brokenPipe: 1201,
  dialGeneric: 1210,
  dialTimeout: 1211,
  connectionRefused: 1212,
  connectionReset: 1220,
  tlsGeneric: 1300,
} as const;

const BY_SYSTEM_CODE: Record<string, number> = {
  ECONNREFUSED: HTTP_ERROR_CODES.connectionRefused,
  ECONNRESET: HTTP_ERROR_CODES.connectionReset,
  EPIPE: HTTP_ERROR_CODES.brokenPipe,
  ENOTFOUND: HTTP_ERROR_CODES.dnsNoIp,
  ERR_BLOCKED_IP: HTTP_ERROR_CODES.blockedIp,
  ERR_BLOCKED_HOSTNAME: HTTP_ERROR_CODES.blockedHostname,
  EAI_AGAIN: HTTP_ERROR_CODES.dnsGeneric,
  ETIMEDOUT: HTTP_ERROR_CODES.dialTimeout,
  UND_ERR_CONNECT_TIMEOUT: HTTP_ERROR_CODES.dialTimeout,
  UND_ERR_SOCKET: HTTP_ERROR_CODES.tcpGeneric,
  UND_ERR_CLOSED: HTTP_ERROR_CODES.tcpGeneric,
  ERR_INVALID_URL: HTTP_ERROR_CODES.invalidUrl,
  UND_ERR_INVALID_ARG: HTTP_ERROR_CODES.invalidUrl,
};

/** The k6 error code of a transport error, looking through `cause` chains. */
export function errorCodeOf(error: unknown): number {
  let current = error as { code?: string; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current.code && BY_SYSTEM_CODE[current.code]) return BY_SYSTEM_CODE[current.code]!;
    if (current.code?.startsWith('ERR_TLS') || current.code?.startsWith('ERR_SSL')) return HTTP_ERROR_CODES.tlsGeneric;
    current = current.cause as typeof current;
  }
  return HTTP_ERROR_CODES.generic;
}

/** k6 also sets an error code on 4xx and 5xx responses: 1400 + (status − 400), and likewise for 5xx. */
export function errorCodeOfStatus(status: number): number {
  if (status >= 400 && status < 500) return 1000 + status;
  if (status >= 500 && status < 600) return 1000 + status;
  return 0;
}
