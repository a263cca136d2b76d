import { defineConfig } from 'vitest/config';

/** Unit tests that replace a module with vi.mock: they need a module registry of their own. */
const MOCKING_UNIT_TESTS = ['test/unit/lib/stage-tag.test.ts', 'test/unit/reports/baseline/write-baseline-cleanup.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        // Pure logic, on every core and sharing one module registry (isolation tripled their time), and
        // before the real-server tests so it never skews their latency.
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: MOCKING_UNIT_TESTS, isolate: false, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'unit-mocks', include: MOCKING_UNIT_TESTS, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          // These put real load on loopback; running them side by side on 2 cores skews latency.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          // One real Kafka broker for the whole run; tests get its address with testKafkaBrokers() from there.
          globalSetup: ['test/support/kafka-global-setup.ts'],
        },
      },
    ],
  },
});
