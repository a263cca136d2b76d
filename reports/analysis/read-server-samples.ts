import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { ServerSample } from '../samplers/server-sample.ts';

const KINDS: readonly string[] = ['saturation', 'kafka-lag', 'sampler-error'];

/** A parsed line of `server.ndjson`, with its time as epoch ms. */
export interface TimedServerSample {
  timeMs: number;
  sample: ServerSample;
}

/** What reading found besides the samples. */
export interface ServerSamplesStats {
  /** Lines that were not a server sample (not JSON, unknown kind, no valid time) and were skipped. */
  skipped: number;
}

/**
 * Streams a run's `server.ndjson` line by line. A missing file yields nothing (the run had no samplers);
 * a line that is not a server sample is skipped and counted, since samplers serve the run and a torn
 * last line (a killed run) must not hide the rest.
 */
export async function* readServerSamples(path: string): AsyncGenerator<TimedServerSample, ServerSamplesStats, undefined> {
  const stats: ServerSamplesStats = { skipped: 0 };
  try {
    await access(path);
  } catch {
    return stats;
  }
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let sample: ServerSample;
    try {
      sample = JSON.parse(line) as ServerSample;
    } catch {
      stats.skipped++;
      continue;
    }
    const timeMs = typeof sample?.time === 'string' ? Date.parse(sample.time) : NaN;
    if (Number.isNaN(timeMs) || !KINDS.includes(sample.kind) || typeof sample.source !== 'string') {
      stats.skipped++;
      continue;
    }
    yield { timeMs, sample };
  }
  return stats;
}
