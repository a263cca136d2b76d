import { describe, expect, it } from 'vitest';
import { checkTargetAllowed, isLoopbackHost } from '../../../plan/check-target-allowed.ts';

describe('checkTargetAllowed', () => {
  it.each([
    ['http://127.0.0.1:3300', [], '127.0.0.1'],
    ['http://127.255.255.254/', [], '127.255.255.254'],
    ['http://127.1:3300', [], '127.0.0.1'],
    ['http://localhost:3300/api', [], 'localhost'],
    ['http://LOCALHOST', [], 'localhost'],
    ['http://localhost.:8080', [], 'localhost'],
    ['http://[::1]:3300', [], '::1'],
    ['http://[0:0:0:0:0:0:0:1]:3300', [], '::1'],
    ['https://staging.internal', ['staging.internal'], 'staging.internal'],
    ['https://Staging.Internal:8443', ['staging.internal'], 'staging.internal'],
    ['http://10.1.2.3', ['10.1.2.3'], '10.1.2.3'],
    ['http://[fd00::5]:80', ['[fd00::5]'], 'fd00::5'],
    ['http://[fd00::5]:80', ['fd00::5'], 'fd00::5'],
  ] as const)('allows %s with allowHosts %j (host %s)', (url, allowHosts, host) => {
    expect(checkTargetAllowed(url, allowHosts)).toBe(host);
  });

  it.each([
    ['https://shop.example.com', [], 'shop.example.com'],
    ['http://10.0.0.8:3300', [], '10.0.0.8'],
    ['http://192.168.1.10', [], '192.168.1.10'],
    ['http://0.0.0.0:3300', [], '0.0.0.0'],
    ['http://128.0.0.1', [], '128.0.0.1'],
    ['http://127.0.0.1.nip.io', [], '127.0.0.1.nip.io'],
    ['http://localhost.example.com', [], 'localhost.example.com'],
    ['http://[::2]', [], '::2'],
    ['https://prod.internal', ['staging.internal'], 'prod.internal'],
    ['https://sub.staging.internal', ['staging.internal'], 'sub.staging.internal'],
  ] as const)('refuses %s with allowHosts %j, naming host %s', (url, allowHosts, host) => {
    expect(() => checkTargetAllowed(url, allowHosts)).toThrow(
      `refusing to send load to host "${host}" (target ${url}): only loopback (127.0.0.0/8, localhost, ::1) and hosts in allowHosts may be targeted; if this host is yours to load-test, add "${host}" to "allowHosts" in loadbook.config.json`,
    );
  });

  it.each([['not a url'], ['ftp://127.0.0.1'], ['file:///etc/passwd']])('refuses %s, which is no http(s) URL', (url) => {
    expect(() => checkTargetAllowed(url, [])).toThrow(`invalid target; expected an http:// or https:// URL, got ${JSON.stringify(url)}`);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.20.30', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['127.0.0.256', false],
    ['127.example', false],
    ['10.0.0.1', false],
    ['example.com', false],
  ])('says %s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
