import { Connection } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { guardedClientOptions } from '../../../../../engine/modules/kafka/kafka-host-guard.ts';
import { HostAllowlist, HostNotAllowedError } from '../../../../../engine/net/host-allowlist.ts';

/** Connects as @platformatic/kafka's ConnectionPool does, for any broker: bootstrap or named by metadata. */
function connect(connection: Connection, host: string, port: number): Promise<Error | null> {
  return new Promise((resolve) => connection.connect(host, port, (error) => resolve(error ?? null)));
}

describe('guardedClientOptions', () => {
  it('refuses a broker outside the allowlist at once, with no socket and an error the client does not retry', async () => {
    const { context } = guardedClientOptions('test', new HostAllowlist(['kafka.internal']));
    const connection = new Connection('test', { context });
    const error = await connect(connection, '192.0.2.10', 9092);
    expect(error).toBeInstanceOf(HostNotAllowedError);
    expect(error).toMatchObject({ canRetry: false, code: 'ERR_BLOCKED_IP' });
    expect(error!.message).toMatch(/^host "192\.0\.2\.10" is not allowed/);
    expect(connection.socket).toBeUndefined();
  });

  it('lets a guarded client reach loopback, and leaves clients without a guard as they were', async () => {
    const { context } = guardedClientOptions('test', new HostAllowlist());
    // Port 1 on loopback refuses: the attempt went to the socket layer, past the guard.
    for (const connection of [new Connection('test', { context }), new Connection('test', {})]) {
      const error = await connect(connection, '127.0.0.1', 1);
      expect(error).not.toBeInstanceOf(HostNotAllowedError);
      expect(String((error as Error & { cause?: Error }).cause ?? error)).toContain('ECONNREFUSED');
      await connection.close();
    }
  });
});
