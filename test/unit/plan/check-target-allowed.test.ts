import { describe, expect, it } from 'vitest';
import type { AddressForm } from '../../../engine/net/host-allowlist.ts';
import { DEFAULT_CONFIG } from '../../../lib/config.ts';
import { checkTargetAllowed, configAddresses, isLoopbackHost } from '../../../plan/check-target-allowed.ts';
import configSchema from '../../../schemas/config.schema.json' with { type: 'json' };

const refusal = (host: string, what: string, address: string) =>
  `refusing to send load to host "${host}" (${what} ${address}): only loopback (127.0.0.0/8, localhost, ::1) and hosts in allowHosts may be targeted; if this host is yours to load-test, add "${host}" to "allowHosts" in loadbook.config.json`;

describe('checkTargetAllowed', () => {
  it.each<[string, AddressForm, string[], string]>([
    ['http://127.0.0.1:3300', 'http-url', [], '127.0.0.1'],
    ['http://127.255.255.254/', 'http-url', [], '127.255.255.254'],
    ['http://127.1:3300', 'http-url', [], '127.0.0.1'],
    ['http://0x7f.1:3300', 'http-url', [], '127.0.0.1'],
    ['http://localhost:3300/api', 'http-url', [], 'localhost'],
    ['http://LOCALHOST', 'http-url', [], 'localhost'],
    ['http://[::1]:3300', 'http-url', [], '::1'],
    ['http://[0:0:0:0:0:0:0:1]:3300', 'http-url', [], '::1'],
    ['https://staging.internal', 'http-url', ['staging.internal'], 'staging.internal'],
    ['https://Staging.Internal:8443', 'http-url', ['staging.internal'], 'staging.internal'],
    ['http://10.1.2.3', 'http-url', ['10.1.2.3'], '10.1.2.3'],
    ['http://[fd00::5]:80', 'http-url', ['[fd00::5]'], 'fd00::5'],
    ['http://[fd00::5]:80', 'http-url', ['fd00::5'], 'fd00::5'],
    ['http://[FD00:0:0::5]:80', 'http-url', ['fd00::5'], 'fd00::5'],
    ['ws://127.0.0.1:3300/ws', 'ws-url', [], '127.0.0.1'],
    ['wss://[::1]/ws', 'ws-url', [], '::1'],
    ['wss://hub.internal/ws', 'ws-url', ['HUB.internal'], 'hub.internal'],
    ['127.0.0.1:3301', 'host-port', [], '127.0.0.1'],
    ['localhost:39092', 'host-port', [], 'localhost'],
    ['LocalHost:39092', 'host-port', [], 'localhost'],
    ['[::1]:3301', 'host-port', [], '::1'],
    ['[0:0::1]:3301', 'host-port', [], '::1'],
    ['kafka-0.cluster.internal:9092', 'host-port', ['kafka-0.cluster.internal'], 'kafka-0.cluster.internal'],
    ['10.99.0.1:4301', 'host-port', ['10.99.0.1'], '10.99.0.1'],
    ['[fd00::7]:9092', 'host-port', ['fd00::7'], 'fd00::7'],
  ])('allows %s (%s) with allowHosts %j (host %s)', (address, form, allowHosts, host) => {
    expect(checkTargetAllowed(address, allowHosts, 'target', form)).toBe(host);
  });

  it.each<[string, AddressForm, string[], string]>([
    ['https://shop.example.com', 'http-url', [], 'shop.example.com'],
    ['http://10.0.0.8:3300', 'http-url', [], '10.0.0.8'],
    ['http://192.168.1.10', 'http-url', [], '192.168.1.10'],
    ['http://0.0.0.0:3300', 'http-url', [], '0.0.0.0'],
    ['http://128.0.0.1', 'http-url', [], '128.0.0.1'],
    ['http://127.0.0.1.nip.io', 'http-url', [], '127.0.0.1.nip.io'],
    ['http://localhost.example.com', 'http-url', [], 'localhost.example.com'],
    // A fully qualified "localhost." is sent to DNS by the resolver, so it is not taken for loopback.
    ['http://localhost.:8080', 'http-url', [], 'localhost.'],
    ['http://[::2]', 'http-url', [], '::2'],
    ['http://[::ffff:127.0.0.1]', 'http-url', [], '::ffff:7f00:1'],
    ['https://prod.internal', 'http-url', ['staging.internal'], 'prod.internal'],
    ['https://sub.staging.internal', 'http-url', ['staging.internal'], 'sub.staging.internal'],
    ['ws://10.99.0.1:4300/ws', 'ws-url', [], '10.99.0.1'],
    ['wss://[fd00::5]/ws', 'ws-url', ['fd00::6'], 'fd00::5'],
    ['10.99.0.1:4301', 'host-port', [], '10.99.0.1'],
    ['kafka.example.com:9092', 'host-port', [], 'kafka.example.com'],
    ['[fd00::5]:9092', 'host-port', [], 'fd00::5'],
    // Not rewritten for host:port: a client hands these to the resolver, which may answer anything.
    ['127.1:3301', 'host-port', [], '127.1'],
    ['127.0.0.1.:3301', 'host-port', [], '127.0.0.1.'],
  ])('refuses %s (%s) with allowHosts %j, naming host %s', (address, form, allowHosts, host) => {
    expect(() => checkTargetAllowed(address, allowHosts, 'target', form)).toThrow(refusal(host, 'target', address));
  });

  it.each<[string, AddressForm, string]>([
    ['not a url', 'http-url', 'an http:// or https:// URL'],
    ['ftp://127.0.0.1', 'http-url', 'an http:// or https:// URL'],
    ['file:///etc/passwd', 'http-url', 'an http:// or https:// URL'],
    ['ws://127.0.0.1/ws', 'http-url', 'an http:// or https:// URL'],
    ['http://127.0.0.1/ws', 'ws-url', 'a ws:// or wss:// URL'],
    ['127.0.0.1:3300', 'ws-url', 'a ws:// or wss:// URL'],
    ['127.0.0.1', 'host-port', 'host:port, such as "127.0.0.1:3301" or "[::1]:3301"'],
    ['::1:3301', 'host-port', 'host:port, such as "127.0.0.1:3301" or "[::1]:3301"'],
    ['[zz::1]:3301', 'host-port', 'host:port, such as "127.0.0.1:3301" or "[::1]:3301"'],
    ['127.0.0.1:99999', 'host-port', 'host:port, such as "127.0.0.1:3301" or "[::1]:3301"'],
    ['dns:///127.0.0.1:3301', 'host-port', 'host:port, such as "127.0.0.1:3301" or "[::1]:3301"'],
    ['ipv4:127.0.0.1:1,10.99.0.1:4301', 'host-port', 'host:port, such as "127.0.0.1:3301" or "[::1]:3301"'],
    ['user@127.0.0.1:3301', 'host-port', 'host:port, such as "127.0.0.1:3301" or "[::1]:3301"'],
    ['http://127.0.0.1:3301', 'host-port', 'host:port, such as "127.0.0.1:3301" or "[::1]:3301"'],
  ])('refuses %s as a %s with one line saying what was expected', (address, form, expected) => {
    expect(() => checkTargetAllowed(address, [], 'kafka.brokers[0]', form)).toThrow(
      `invalid kafka.brokers[0]; expected ${expected}, got ${JSON.stringify(address)}`,
    );
  });
});

/** Config keys whose schema describes an address: URLs, host:port, brokers, endpoints. */
function schemaAddressKeys(schema: { properties?: Record<string, unknown> }, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [name, value] of Object.entries(schema.properties ?? {})) {
    const child = value as { type?: string; properties?: Record<string, unknown>; items?: { type?: string; description?: string }; description?: string };
    const key = prefix + name;
    if (child.properties) keys.push(...schemaAddressKeys(child, `${key}.`));
    const text = child.type === 'string' || child.items?.type === 'string';
    const description = `${child.description ?? ''} ${child.items?.description ?? ''}`;
    if (text && name !== 'allowHosts' && name !== '$schema' && /url|host:port|address|endpoint|broker/i.test(`${name} ${description}`)) keys.push(key);
  }
  return keys;
}

describe('configAddresses', () => {
  it('lists every config field that names an address, so none escapes the check', () => {
    const listed = new Set(configAddresses(DEFAULT_CONFIG).map(({ key }) => key.replace(/\[\d+\]$/, '')));
    expect(schemaAddressKeys(configSchema).sort()).toEqual([...listed].sort());
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.20.30', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['::1', true],
    ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true],
    ['127.0.0.256', false],
    ['127.1', false],
    ['localhost.', false],
    ['127.example', false],
    ['10.0.0.1', false],
    ['example.com', false],
  ])('says %s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
