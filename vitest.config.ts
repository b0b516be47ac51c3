import { configDefaults, defineConfig } from 'vitest/config';
import { CHROMIUM, chromiumInstalled } from './test/support/chromium.js';

/**
 * Without Chromium the browser tests are skipped with one line, so a newcomer's `npm test` passes;
 * under CI=true a missing Chromium is an error instead (a skipped suite would hide a regression).
 */
function browserTestsToSkip(): string[] {
  if (chromiumInstalled()) return [];
  const why = `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') throw new Error(`${why}: the browser tests cannot run in CI`);
  process.stdout.write(`${why}: skipping the browser tests in test/browser/\n`);
  return ['test/browser/**'];
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...browserTestsToSkip()],
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
