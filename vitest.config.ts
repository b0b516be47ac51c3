import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/redisServer.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file gets its own Redis key prefix, so files may run in parallel against one server.
    fileParallelism: true,
    coverage: {
      provider: 'v8',
      // The report that shows every dialog step was reached (each step is a function).
      include: ['dialogs/**/*.ts', 'knowledge/policy/**/*.ts', 'bot/**/*.ts', 'templates/**/*.ts'],
      reporter: ['text-summary', 'html'],
      thresholds: { 'dialogs/**/*.ts': { functions: 100 } },
    },
  },
});
