import { isIP } from 'node:net';
import { LoadbookError } from '../engine/errors.ts';

/** Loopback as the allowlist error names it. */
const LOOPBACK = '127.0.0.0/8, localhost, ::1';

function normalHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/**
 * Whether a host name or address is loopback: 127.0.0.0/8, `localhost` or `::1`. Other spellings of
 * those addresses (`127.1`, `[0:0:0:0:0:0:0:1]`) count once a URL parser has normalised them, which
 * checkTargetAllowed does.
 */
export function isLoopbackHost(host: string): boolean {
  const name = normalHost(host);
  if (name === 'localhost' || name === '::1') return true;
  return isIP(name) === 4 && name.startsWith('127.');
}

/**
 * Refuses to send load anywhere but loopback or a host in `allowHosts`. Every phase is held to this, not
 * just stress, spike and soak: a smoke run against someone else's host is just as unwelcome.
 *
 * @param what names the URL in errors, e.g. `target` or `metricsEndpoints[0]`.
 * @returns the URL's host, normalised (lower case, IPv6 without brackets).
 * @throws LoadbookError, one line naming the host and saying to add it to `allowHosts`.
 */
export function checkTargetAllowed(url: string, allowHosts: readonly string[], what = 'target'): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LoadbookError(`invalid ${what}; expected an http:// or https:// URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new LoadbookError(`invalid ${what}; expected an http:// or https:// URL, got ${JSON.stringify(url)}`);
  }
  const host = normalHost(parsed.hostname);
  if (isLoopbackHost(host) || allowHosts.some((allowed) => normalHost(allowed) === host)) return host;
  throw new LoadbookError(
    `refusing to send load to host ${JSON.stringify(host)} (${what} ${url}): only loopback (${LOOPBACK}) and hosts in allowHosts may be targeted; if this host is yours to load-test, add ${JSON.stringify(host)} to "allowHosts" in loadbook.config.json`,
  );
}
