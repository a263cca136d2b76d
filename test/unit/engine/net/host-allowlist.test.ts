import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../../../engine/errors.ts';
import { checkedAllowHosts, HostAllowlist, HostNotAllowedError } from '../../../../engine/net/host-allowlist.ts';

describe('HostAllowlist', () => {
  it.each<[string, string[], boolean]>([
    ['127.0.0.1', [], true],
    ['[::1]', [], true],
    ['localhost', [], true],
    ['10.99.0.1', [], false],
    ['10.99.0.1', ['10.99.0.1'], true],
    ['[FD00::5]', ['fd00::5'], true],
    ['fd00::5', ['[fd00:0::5]'], true],
    ['Kafka-0.Cluster.internal', ['kafka-0.cluster.internal'], true],
    ['kafka-1.cluster.internal', ['kafka-0.cluster.internal'], false],
  ])('allows %s with allowHosts %j: %s', (host, allowHosts, allowed) => {
    const allowlist = new HostAllowlist(allowHosts);
    expect(allowlist.allows(host)).toBe(allowed);
    // The cached decision is the same the second time.
    expect(allowlist.allows(host)).toBe(allowed);
    expect(allowlist.refusal(host) === undefined).toBe(allowed);
  });

  it.each([
    ['10.99.0.1', 'ERR_BLOCKED_IP'],
    ['[fd00::5]', 'ERR_BLOCKED_IP'],
    ['kafka.example.com', 'ERR_BLOCKED_HOSTNAME'],
  ])('refuses %s with %s and one line saying how to allow it', (host, code) => {
    const error = new HostAllowlist().refusal(host);
    expect(error).toBeInstanceOf(HostNotAllowedError);
    expect(error!.code).toBe(code);
    expect(error!.message).toMatch(/^host "[^"]+" is not allowed: loadbook sends load only to loopback \(127\.0\.0\.0\/8, localhost, ::1\) and allowed hosts; .*--allow-hosts .* or LOADBOOK_ALLOW_HOSTS \(phases: "allowHosts" in loadbook\.config\.json\)$/);
  });
});

describe('checkedAllowHosts', () => {
  it.each([[['staging.internal', '10.1.2.3', '[fd00::5]', 'fd00::6']], [[]]])('accepts %j', (hosts) => {
    expect(checkedAllowHosts(hosts, 'allowHosts')).toEqual(hosts);
  });

  it.each([['http://shop'], ['shop:8080'], ['shop/x'], ['a b'], ['user@shop'], ['[shop]'], ['']])('refuses the entry %j with an OptionsError naming it', (entry) => {
    expect(() => checkedAllowHosts(['ok.internal', entry], 'allowHosts')).toThrow(
      new OptionsError(`invalid allowHosts entry ${JSON.stringify(entry)}; expected a host name or IP address without scheme, port or path, such as "staging.example.internal"`),
    );
  });
});
