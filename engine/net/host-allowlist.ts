import { isIP } from 'node:net';
import { OptionsError } from '../errors.ts';

/**
 * The one rule for where load may go: loopback (127.0.0.0/8, `localhost`, `::1`) and the hosts the user
 * allowed, nothing else. Plans check every address of the config with it before anything starts; the
 * engine's modules and the samplers check every connection with it before a packet is sent, so a script
 * that computes its own addresses cannot escape it.
 */

/** Loopback as errors name it. */
export const LOOPBACK_HOSTS = '127.0.0.0/8, localhost, ::1';

/** The address forms loadbook reads: URLs of a protocol family, or `host:port` (gRPC, Kafka brokers). */
export type AddressForm = 'http-url' | 'ws-url' | 'host-port';

const URL_SCHEMES: Readonly<Record<Exclude<AddressForm, 'host-port'>, readonly string[]>> = {
  'http-url': ['http:', 'https:'],
  'ws-url': ['ws:', 'wss:'],
};

/** What each form looks like, as errors say it. */
export const EXPECTED_ADDRESS: Readonly<Record<AddressForm, string>> = {
  'http-url': 'an http:// or https:// URL',
  'ws-url': 'a ws:// or wss:// URL',
  'host-port': 'host:port, such as "127.0.0.1:3301" or "[::1]:3301"',
};

// A name or IPv4 address, or a bracketed IPv6 address, then a port. Anything else (user info, a scheme such
// as grpc-js's "dns:" or "ipv4:", several addresses) could connect somewhere other than the host read here.
const HOST_PORT = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+):(\d{1,5})$/i;

/** Whether an allowHosts entry is a host name or IP address (IPv6 with or without brackets), without scheme, port or path. */
export function isHostEntry(entry: string): boolean {
  const bare = entry.startsWith('[') && entry.endsWith(']') ? entry.slice(1, -1) : entry;
  return /^[^\s/:@[\]?#]+$/.test(entry) || isIP(bare) === 6;
}

/**
 * Checks a list of allowed hosts as the user gave it.
 * @param source names the list in errors: `--allow-hosts`, `LOADBOOK_ALLOW_HOSTS` or `allowHosts`.
 * @throws OptionsError (exit 104) naming the first entry that is not a host name or IP address.
 */
export function checkedAllowHosts(hosts: readonly string[] | undefined, source: string): readonly string[] {
  if (hosts === undefined) return [];
  if (!Array.isArray(hosts)) throw new OptionsError(`invalid ${source} ${JSON.stringify(hosts)}; expected a list of host names or IP addresses`);
  for (const host of hosts) {
    if (typeof host !== 'string' || !isHostEntry(host)) {
      throw new OptionsError(
        `invalid ${source} entry ${JSON.stringify(host)}; expected a host name or IP address without scheme, port or path, such as "staging.example.internal"`,
      );
    }
  }
  return hosts;
}

/**
 * A host as the allowlist compares it: lower case, IPv6 without brackets and in its shortest form. No other
 * rewriting: `localhost.` or `127.0.0.1.` go to DNS when a client connects to them, so they are not loopback.
 */
export function normalHost(host: string): string {
  const lower = host.toLowerCase();
  const bare = lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
  if (!bare.includes(':')) return bare;
  try {
    return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  } catch {
    return bare;
  }
}

/** Whether a host is loopback: 127.0.0.0/8 written as four decimal parts, `localhost` or `::1`. */
export function isLoopbackHost(host: string): boolean {
  const name = normalHost(host);
  if (name === 'localhost' || name === '::1') return true;
  return isIP(name) === 4 && name.startsWith('127.');
}

/**
 * The host an address connects to, normalised. A URL's host is the one its parser produced, which is what
 * the HTTP and WebSocket clients connect to (`http://127.1` is 127.0.0.1).
 *
 * @returns undefined when the address is not of the form; callers say what was expected (EXPECTED_ADDRESS).
 */
export function hostOfAddress(address: string, form: AddressForm): string | undefined {
  if (form === 'host-port') {
    const match = HOST_PORT.exec(address);
    if (!match || Number(match[2]) > 65_535) return undefined;
    if (match[1]!.startsWith('[') && isIP(match[1]!.slice(1, -1)) !== 6) return undefined;
    return normalHost(match[1]!);
  }
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  if (!URL_SCHEMES[form].includes(url.protocol) || url.hostname === '') return undefined;
  return normalHost(url.hostname);
}

/** A connection the allowlist refused; the k6 error code follows k6's blocked hostname and IP errors. */
export class HostNotAllowedError extends Error {
  readonly code: 'ERR_BLOCKED_IP' | 'ERR_BLOCKED_HOSTNAME';
  constructor(readonly host: string) {
    super(
      `host "${host}" is not allowed: loadbook sends load only to loopback (${LOOPBACK_HOSTS}) and allowed hosts; if it is yours to load-test, allow it with --allow-hosts ${host.includes(':') ? `[${host}]` : host} or LOADBOOK_ALLOW_HOSTS (phases: "allowHosts" in loadbook.config.json)`,
    );
    this.name = 'HostNotAllowedError';
    this.code = isIP(host) ? 'ERR_BLOCKED_IP' : 'ERR_BLOCKED_HOSTNAME';
  }
}

/** Decisions kept per allowlist; a script that makes up host names cannot grow the cache without bound. */
const MAX_CACHED_DECISIONS = 10_000;

/**
 * Loopback plus the allowed hosts. Each host string is judged once and the decision cached, so checking
 * every connection costs a map lookup.
 */
export class HostAllowlist {
  readonly #allowed: ReadonlySet<string>;
  readonly #decisions = new Map<string, boolean>();

  /** @param allowHosts host names or IP addresses besides loopback (IPv6 with or without brackets). */
  constructor(readonly allowHosts: readonly string[] = []) {
    this.#allowed = new Set(allowHosts.map(normalHost));
  }

  /** Whether load may go to `host` (a URL's hostname or the host of host:port). */
  allows(host: string): boolean {
    let allowed = this.#decisions.get(host);
    if (allowed === undefined) {
      const name = normalHost(host);
      allowed = isLoopbackHost(name) || this.#allowed.has(name);
      if (this.#decisions.size >= MAX_CACHED_DECISIONS) this.#decisions.clear();
      this.#decisions.set(host, allowed);
    }
    return allowed;
  }

  /** The error a refused connection fails with, or undefined when `host` is allowed. */
  refusal(host: string): HostNotAllowedError | undefined {
    return this.allows(host) ? undefined : new HostNotAllowedError(normalHost(host));
  }
}

/** Hosts allowed only on loopback: what the engine uses when a run request names no allowed hosts. */
export const LOOPBACK_ONLY = new HostAllowlist();
