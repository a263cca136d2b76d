import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BrokerError } from './broker-error.ts';
import { adoptArchive, classDataArchive } from './class-data-archive.ts';
import type { JavaRuntime } from './require-tools.ts';

/** JVM flags for the one-shot storage tool: it runs a second and exits, so start fast and stay small. */
const TOOL_JVM_FLAGS = ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true'];

export interface FormatStorageOptions {
  java: JavaRuntime;
  libsDir: string;
  serverProperties: string;
  log4jProperties: string;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Kills the storage tool and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A KRaft cluster id as `kafka-storage random-uuid` makes them: 16 random bytes, URL-safe base64. */
export function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    // Kafka refuses ids that start with '-' (they read as command-line flags).
    if (!id.startsWith('-')) return id;
  }
}

/** Whether the data folder was formatted already: Kafka's format writes meta.properties last. */
export function isFormatted(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'meta.properties'));
}

/**
 * Formats the KRaft storage of a single node (`kafka-storage format`), unless it is formatted already.
 * @returns whether it formatted
 */
export async function formatStorage(options: FormatStorageOptions): Promise<boolean> {
  if (isFormatted(options.dataDir)) return false;
  const archive = await classDataArchive(options.libsDir, 'storage-tool', options.java.version);
  const args = [
    ...TOOL_JVM_FLAGS,
    ...archive.flags,
    `-Dlog4j2.configurationFile=${options.log4jProperties}`,
    '-cp',
    path.join(options.libsDir, '*'),
    'kafka.tools.StorageTool',
    'format',
    '--cluster-id',
    randomClusterId(),
    '--config',
    options.serverProperties,
  ];
  await new Promise<void>((resolve, reject) => {
    execFile(options.java.command, args, { env: options.env ?? process.env, timeout: 60_000, signal: options.signal }, (error, stdout, stderr) => {
      if (!error) return resolve();
      if (options.signal?.aborted) return reject(options.signal.reason);
      const output = `${stdout}${stderr}`.trim() || error.message;
      reject(new BrokerError(`formatting Kafka storage in ${options.dataDir} failed: ${output}; delete that folder and start again`));
    });
  });
  await adoptArchive(archive.pending);
  return true;
}
