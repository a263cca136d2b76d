import { LoadbookError } from '../engine/errors.ts';
import { EXPECTED_ADDRESS, hostOfAddress, HostAllowlist, isHostEntry, LOOPBACK_HOSTS, type AddressForm } from '../engine/net/host-allowlist.ts';
import type { LoadbookConfig } from '../lib/config.ts';

export { isLoopbackHost } from '../engine/net/host-allowlist.ts';

/**
 * Refuses to send load anywhere but loopback or a host in `allowHosts`. Every phase is held to this, not
 * just stress, spike and soak: a smoke run against someone else's host is just as unwelcome.
 *
 * @param what names the address in errors: its config key, e.g. `target.grpcAddress` or `kafka.brokers[0]`.
 * @param form what the address must look like.
 * @default what 'target'
 * @default form 'http-url'
 * @returns the address's host, normalised (lower case, IPv6 without brackets).
 * @throws LoadbookError, one line naming the key, the host and saying to add it to `allowHosts`.
 */
export function checkTargetAllowed(address: string, allowHosts: readonly string[], what = 'target', form: AddressForm = 'http-url'): string {
  const host = hostOfAddress(address, form);
  if (host === undefined) throw new LoadbookError(`invalid ${what}; expected ${EXPECTED_ADDRESS[form]}, got ${JSON.stringify(address)}`);
  if (new HostAllowlist(allowHosts).allows(host)) return host;
  throw new LoadbookError(
    `refusing to send load to host ${JSON.stringify(host)} (${what} ${address}): only loopback (${LOOPBACK_HOSTS}) and hosts in allowHosts may be targeted; if this host is yours to load-test, add ${JSON.stringify(host)} to "allowHosts" in loadbook.config.json`,
  );
}

/** An address the config names, by its key. */
export interface ConfigAddress {
  /** The config key, e.g. `kafka.brokers[1]`. */
  key: string;
  address: string;
  form: AddressForm;
}

/**
 * Every address in the config that load or a sampler reaches. A config field that names an address is
 * listed here, so checkConfigAddresses holds it to the allowlist (a unit test compares this with the
 * schema's address fields).
 */
export function configAddresses(config: LoadbookConfig): ConfigAddress[] {
  return [
    { key: 'target.baseUrl', address: config.target.baseUrl, form: 'http-url' },
    { key: 'target.grpcAddress', address: config.target.grpcAddress, form: 'host-port' },
    { key: 'target.wsUrl', address: config.target.wsUrl, form: 'ws-url' },
    ...config.kafka.brokers.map((address, index): ConfigAddress => ({ key: `kafka.brokers[${index}]`, address, form: 'host-port' })),
    ...config.metricsEndpoints.map((address, index): ConfigAddress => ({ key: `metricsEndpoints[${index}]`, address, form: 'http-url' })),
  ];
}

/**
 * Checks every address of the config against loopback and `allowHosts`, before anything is sent, and the
 * `allowHosts` entries as the engine will read them.
 * @throws LoadbookError for the first address or entry that is malformed, or address that is not allowed.
 */
export function checkConfigAddresses(config: LoadbookConfig): void {
  config.allowHosts.forEach((host, index) => {
    if (!isHostEntry(host)) {
      throw new LoadbookError(
        `invalid allowHosts[${index}]; expected a host name or IP address without scheme, port or path, such as "staging.example.internal", got ${JSON.stringify(host)}`,
      );
    }
  });
  for (const { key, address, form } of configAddresses(config)) checkTargetAllowed(address, config.allowHosts, key, form);
}
