import type { Consumer } from '@platformatic/kafka';
import { Gauge, type Registry } from 'prom-client';

/**
 * Exports shop_kafka_consumer_lag{topic,partition}: each partition's end offset minus the group's
 * committed offset, refreshed every intervalMs. A partition the group never committed counts from offset 0,
 * which is its start unless retention already deleted records. Refreshes never overlap: the next one is
 * scheduled when the previous one finished.
 *
 * @returns a function that stops the refreshing
 */
export function exportConsumerLag(
  consumer: Consumer,
  topics: string[],
  registry: Registry,
  intervalMs: number,
  log: (line: string) => void,
): () => void {
  const lag = new Gauge({
    name: 'shop_kafka_consumer_lag',
    help: "Messages in a partition the shop's consumer group has not committed yet: end offset minus committed offset.",
    labelNames: ['topic', 'partition'] as const,
    registers: [registry],
  });

  let stopped = false;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;

  const refresh = async (): Promise<void> => {
    try {
      const ends = await consumer.listOffsets({ topics });
      const committed = await consumer.listCommittedOffsets({
        topics: [...ends].map(([topic, offsets]) => ({ topic, partitions: offsets.map((_, partition) => partition) })),
      });
      for (const [topic, offsets] of ends) {
        const done = committed.get(topic) ?? [];
        offsets.forEach((end, partition) => {
          const from = done[partition] ?? -1n;
          lag.labels(topic, String(partition)).set(Number(end - (from < 0n ? 0n : from)));
        });
      }
      failing = false;
    } catch (error) {
      // Logged when it starts failing, not every second while the broker is away; a refresh that was
      // under way when the shop closed fails as its client closes, which is no news.
      if (!failing && !stopped) log(`shop: could not refresh Kafka consumer lag (${(error as Error).message})`);
      failing = true;
    }
  };

  const loop = (): void => {
    void refresh().then(() => {
      if (!stopped) timer = setTimeout(loop, intervalMs).unref();
    });
  };
  loop();

  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
