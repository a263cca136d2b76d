import type { Http1Connection } from './http1-connection.ts';

/** One scheme-host-port a client talks to, with what every request to it shares. */
export interface Http1Origin {
  /** Host name or address for `net.connect` (IPv6 without brackets). */
  readonly hostname: string;
  readonly port: number;
  /** `Host: …\r\n`, serialized once per origin. */
  readonly hostLine: string;
  /** `Authorization: Basic …\r\n` from the URL's user info, as k6 sends it, or ''. */
  readonly authorizationLine: string;
  /** Keep-alive connections with nothing in flight, most recently used last. */
  readonly idle: Http1Connection[];
  /** Set when the host allowlist refuses this host: its requests fail with it and no connection opens. */
  refusal: Error | undefined;
}

/** The origin of an `http:` URL. */
export function originOf(url: URL): Http1Origin {
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const user = url.username || url.password ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : '';
  return {
    hostname,
    port: url.port ? Number(url.port) : 80,
    hostLine: `Host: ${url.host}\r\n`,
    authorizationLine: user ? `Authorization: Basic ${Buffer.from(user).toString('base64')}\r\n` : '',
    idle: [],
    refusal: undefined,
  };
}
