import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pom that lists the broker's jars; its `kafka.version` property is the one version in force. */
export const BROKER_POM = fileURLToPath(new URL('./pom.xml', import.meta.url));

/** Where one Kafka version's jars live, and where brokers keep their state. */
export interface KafkaInstall {
  /** Kafka version, from broker/pom.xml. */
  version: string;
  /** `<cache>/loadbook`, shared by every loadbook cache. */
  cacheDir: string;
  /** `<cache>/loadbook/kafka-<version>/libs`: present only once every jar was resolved. */
  libsDir: string;
  /** `<cache>/loadbook/brokers`: one `<name>.json` state file and `<name>/` folder per broker. */
  brokersDir: string;
}

/** loadbook's cache folder: `$XDG_CACHE_HOME/loadbook`, else `~/.cache/loadbook`. */
export function loadbookCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'loadbook');
}

/** The Kafka version broker/pom.xml pins. */
export function kafkaVersion(): string {
  const pom = readFileSync(BROKER_POM, 'utf8');
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1]?.trim();
  if (!version) throw new Error(`${BROKER_POM} has no <kafka.version> property; restore it from git`);
  return version;
}

export function kafkaInstall(env: NodeJS.ProcessEnv = process.env): KafkaInstall {
  const version = kafkaVersion();
  const cacheDir = loadbookCacheDir(env);
  return {
    version,
    cacheDir,
    libsDir: path.join(cacheDir, `kafka-${version}`, 'libs'),
    brokersDir: path.join(cacheDir, 'brokers'),
  };
}
