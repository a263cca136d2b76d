import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { BrokerError, USE_EXISTING_CLUSTER } from './broker-error.ts';
import { BROKER_POM, kafkaInstall, type KafkaInstall } from './kafka-install.ts';
import { requireJava, requireMaven, type JavaRuntime } from './require-tools.ts';

/** Keeps the end of mvn's output for the error message: the reason is always at the end. */
const OUTPUT_KEPT_CHARS = 3_000;

export interface EnsureJarsOptions {
  env?: NodeJS.ProcessEnv;
  /** Told before the one-time download starts, which takes a while. */
  log?: (line: string) => void;
  /** Kills mvn and rejects with the signal's reason; the partial download is deleted. */
  signal?: AbortSignal;
}

/** The install, and whether this call downloaded it. */
export interface EnsuredJars extends KafkaInstall {
  downloaded: boolean;
  /** The Java that will run the broker. */
  java: JavaRuntime;
}

function mvnCopyDependencies(outputDir: string, env: NodeJS.ProcessEnv, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = ['-B', '-q', '-f', BROKER_POM, 'dependency:copy-dependencies', `-DoutputDirectory=${outputDir}`];
    const child = spawn('mvn', args, { env, stdio: ['ignore', 'pipe', 'pipe'], signal });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT_CHARS);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (error) => reject(signal?.aborted ? signal.reason : error));
    child.once('close', (code) => {
      if (code === 0) return resolve();
      if (signal?.aborted) return reject(signal.reason);
      reject(
        new BrokerError(
          `mvn could not resolve the Kafka broker's jars (exit code ${code}); is Maven Central reachable? Its output ends with:\n` +
            `${output.trim()}\nRetry with \`npm run kafka -- ensure\`, ${USE_EXISTING_CLUSTER}`,
        ),
      );
    });
  });
}

/**
 * Makes sure Java 17+ runs and the broker's jars are cached, downloading them with Maven the first time.
 * Safe to run from several processes at once: each resolves into its own folder and the first rename wins.
 * @throws BrokerError when Java or (on the first run) Maven is missing, or the download fails
 */
export async function ensureKafkaJars(options: EnsureJarsOptions = {}): Promise<EnsuredJars> {
  const env = options.env ?? process.env;
  const install = kafkaInstall(env);
  const java = await requireJava(env);
  options.signal?.throwIfAborted();
  if (existsSync(install.libsDir)) return { ...install, java, downloaded: false };
  await requireMaven(install.libsDir, env);
  options.log?.(`kafka: resolving Apache Kafka ${install.version} from Maven Central into ${install.libsDir} (once)`);
  const staging = `${install.libsDir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.dirname(install.libsDir), { recursive: true });
  try {
    await mvnCopyDependencies(staging, env, options.signal);
    const jars = (await readdir(staging)).filter((name) => name.endsWith('.jar'));
    if (!jars.some((name) => name.startsWith(`kafka_2.13-${install.version}`))) {
      throw new BrokerError(`mvn finished but ${staging} holds no kafka_2.13-${install.version}.jar; check ${BROKER_POM}`);
    }
    try {
      await rename(staging, install.libsDir);
    } catch (error) {
      // Another process finished first; its jars are the same.
      if (!existsSync(install.libsDir)) throw error;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { ...install, java, downloaded: true };
}
