/**
 * Something the embedded broker cannot do on its own: a tool is missing, the broker did not start or
 * did not stop. The message is one or more lines the CLI prints as is, ending with what to do next.
 */
export class BrokerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrokerError';
  }
}

/** How to use another cluster, for every message that says the embedded broker cannot run. */
export const USE_EXISTING_CLUSTER =
  'or point loadbook at an existing Kafka cluster instead: set "kafka": { "brokers": ["host:9092"] } in ' +
  'loadbook.config.json, or LOADBOOK_KAFKA_BROKERS=host:9092 (comma-separated); the embedded broker is only ' +
  'started while the config points at its default 127.0.0.1:39092';
