import { execFile } from 'node:child_process';
import path from 'node:path';
import { BrokerError, USE_EXISTING_CLUSTER } from './broker-error.ts';

/** Kafka 4 brokers need Java 17. */
export const MIN_JAVA_MAJOR = 17;

interface Ran {
  ok: boolean;
  /** ENOENT when the command does not exist. */
  code: string | number | null;
  output: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? ((error as NodeJS.ErrnoException).code ?? null) : 0;
      resolve({ ok: !error, code, output: `${stdout}${stderr}` });
    });
  });
}

/** `$JAVA_HOME/bin/java` when JAVA_HOME is set, as Kafka's own scripts do; else `java` from PATH. */
export function javaCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** A Java that can run the broker. */
export interface JavaRuntime {
  command: string;
  /** As `java -version` prints it, e.g. "17.0.15". */
  version: string;
  major: number;
}

/** The major version in `java -version` output: `"17.0.15"` → 17, `"1.8.0_402"` → 8. */
export function javaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

/**
 * Checks that Java 17+ runs.
 * @throws BrokerError naming what is missing and how to use an existing cluster instead
 */
export async function requireJava(env: NodeJS.ProcessEnv = process.env): Promise<JavaRuntime> {
  const command = javaCommand(env);
  const ran = await run(command, ['-version'], env);
  const where = env.JAVA_HOME ? `JAVA_HOME (${command})` : 'PATH';
  if (ran.code === 'ENOENT') {
    throw new BrokerError(
      `Java ${MIN_JAVA_MAJOR} or newer is needed to run the embedded Kafka broker, but \`java\` was not found on ${where}; ` +
        `install a JDK ${MIN_JAVA_MAJOR}+ (Debian: apt-get install openjdk-17-jre-headless), ${USE_EXISTING_CLUSTER}`,
    );
  }
  const major = javaMajor(ran.output);
  if (!ran.ok || major === undefined || major < MIN_JAVA_MAJOR) {
    const found = major === undefined ? `\`${command} -version\` said: ${ran.output.trim().split('\n')[0] ?? '(nothing)'}` : `found Java ${major}`;
    throw new BrokerError(
      `Java ${MIN_JAVA_MAJOR} or newer is needed to run the embedded Kafka broker, ${found}; ` +
        `install a JDK ${MIN_JAVA_MAJOR}+ and put it first on PATH or in JAVA_HOME, ${USE_EXISTING_CLUSTER}`,
    );
  }
  return { command, version: /version "([^"]+)"/.exec(ran.output)?.[1] ?? String(major), major };
}

/**
 * Checks that Maven runs; it is needed only while the broker's jars are not cached yet.
 * @throws BrokerError naming what is missing and how to use an existing cluster instead
 */
export async function requireMaven(libsDir: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const ran = await run('mvn', ['-v'], env);
  if (ran.code === 'ENOENT') {
    throw new BrokerError(
      `Maven (\`mvn\`) is needed once, to download the embedded Kafka broker's jars from Maven Central into ${libsDir}, ` +
        `but it was not found on PATH; install Maven 3.6+ (Debian: apt-get install maven), ${USE_EXISTING_CLUSTER}`,
    );
  }
  if (!ran.ok) {
    throw new BrokerError(`\`mvn -v\` failed: ${ran.output.trim().split('\n').slice(-3).join(' ')}; fix Maven, ${USE_EXISTING_CLUSTER}`);
  }
  return 'mvn';
}
