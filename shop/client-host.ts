/**
 * The host clients connect to for a listen address. A wildcard address is where the shop listens, not
 * where clients connect; they use loopback instead. IPv6 addresses get brackets, as URLs and gRPC targets
 * need.
 */
export function clientHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
