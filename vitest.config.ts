import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/redisServer.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file gets its own Redis key prefix, so files may run in parallel against one server.
    fileParallelism: true,
  },
});
