import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerError } from '../../../broker/broker-error.ts';
import { ensureKafkaJars } from '../../../broker/ensure-jars.ts';
import { javaMajor, requireJava, requireMaven } from '../../../broker/require-tools.ts';
import { startBroker } from '../../../broker/start-broker.ts';

describe('javaMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_402"', 8],
    ['openjdk version "11.0.2" 2019-01-15', 11],
    ['bash: java: command not found', undefined],
  ])('reads %j as %j', (output, major) => {
    expect(javaMajor(output)).toBe(major);
  });
});

describe('missing tools', () => {
  // A PATH with neither java nor mvn, and one with java but no mvn, as on a machine without Maven.
  let empty: string;
  let javaOnly: string;
  let cache: string;
  beforeAll(async () => {
    empty = await mkdtemp(path.join(os.tmpdir(), 'loadbook-nopath-'));
    javaOnly = await mkdtemp(path.join(os.tmpdir(), 'loadbook-javaonly-'));
    cache = await mkdtemp(path.join(os.tmpdir(), 'loadbook-cache-'));
    const java = realpathSync(execFileSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).trim());
    await symlink(java, path.join(javaOnly, 'java'));
  });
  afterAll(async () => {
    for (const dir of [empty, javaOnly, cache]) await rm(dir, { recursive: true, force: true });
  });
  const envWith = (PATH: string) => ({ PATH, HOME: os.homedir(), XDG_CACHE_HOME: cache });

  it('says Java 17+ is needed and how to use an existing cluster when java is not on PATH', async () => {
    const failure = requireJava(envWith(empty));
    await expect(failure).rejects.toThrow(BrokerError);
    await expect(failure).rejects.toThrow(/^Java 17 or newer is needed to run the embedded Kafka broker, but `java` was not found on PATH; install a JDK 17\+/);
    await expect(failure).rejects.toThrow(/"kafka": \{ "brokers": \["host:9092"\] \} in loadbook\.config\.json, or LOADBOOK_KAFKA_BROKERS=host:9092/);
  });

  it('looks for java in JAVA_HOME when it is set', async () => {
    await expect(requireJava({ ...envWith(empty), JAVA_HOME: empty })).rejects.toThrow(`\`java\` was not found on JAVA_HOME (${path.join(empty, 'bin', 'java')})`);
  });

  it('finds a Java 17+ on this machine', async () => {
    const java = await requireJava();
    expect(java.major).toBeGreaterThanOrEqual(17);
    expect(java.version).toMatch(/^\d+/);
  });

  it('says Maven is needed once to download the jars when mvn is not on PATH', async () => {
    const failure = requireMaven('/somewhere/libs', envWith(empty));
    await expect(failure).rejects.toThrow(/^Maven \(`mvn`\) is needed once, to download the embedded Kafka broker's jars from Maven Central into \/somewhere\/libs, but it was not found on PATH/);
    await expect(failure).rejects.toThrow(/LOADBOOK_KAFKA_BROKERS/);
  });

  it('asks for Maven only when the jars are not cached: an empty cache with java but no mvn fails naming mvn', async () => {
    await expect(ensureKafkaJars({ env: envWith(javaOnly) })).rejects.toThrow(/^Maven \(`mvn`\) is needed once.*into .*loadbook-cache-.*\/loadbook\/kafka-4\.\d+\.\d+\/libs/);
  });

  it('refuses to start a broker without java, before touching any port or folder', async () => {
    await expect(startBroker({ port: 0, name: 'no-java', env: envWith(empty) })).rejects.toThrow(/^Java 17 or newer is needed/);
  });
});
