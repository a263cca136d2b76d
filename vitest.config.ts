import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests put real load on loopback; running them side by side on 2 cores skews latency.
    fileParallelism: false,
    // One real Kafka broker for the whole run; tests get its address with testKafkaBrokers() from there.
    globalSetup: ['test/support/kafka-global-setup.ts'],
  },
});
