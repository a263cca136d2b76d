/** Client settings shared by the shop's Kafka clients. */
export const KAFKA_CLIENT_ID = 'loadbook-shop';

/**
 * Connection and retry settings. The library's defaults (5 s timeouts, three retries a second apart)
 * would let a missing broker hold startShop for about 20 s; this fails within a few seconds instead, with
 * a message that says to start the broker.
 */
export const KAFKA_CONNECTION = { connectTimeout: 3_000, timeout: 5_000, retries: 2, retryDelay: 250 } as const;
