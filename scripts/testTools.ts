/**
 * `npm test` runs this first (pretest). Besides npm packages the tests need two programs from
 * Debian's packages: redis-server (each run starts its own; not needed with TEST_REDIS_URL) and
 * Chromium (the browser tests). Missing ones are installed with apt-get where this process may
 * (root, apt-get present). What cannot be installed is said in one line: without redis-server
 * the tests cannot run; without Chromium vitest.config.ts skips the browser tests (and fails
 * under CI=true, where a skipped suite would hide a regression).
 */
import { spawnSync } from 'node:child_process';
import { chromiumInstalled } from '../test/support/chromium.js';

const onPath = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;

const missing: string[] = [];
if (!process.env.TEST_REDIS_URL && !onPath('redis-server')) missing.push('redis-server');
if (!chromiumInstalled()) missing.push('chromium');

if (missing.length && process.getuid?.() === 0 && onPath('apt-get')) {
  process.stdout.write(`installing Debian packages the tests need: ${missing.join(' ')}\n`);
  const apt = (...args: string[]) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  if (!(apt('update') && apt('install', '-y', '--no-install-recommends', ...missing))) process.stdout.write('apt-get could not install them\n');
}

if (!process.env.TEST_REDIS_URL && !onPath('redis-server')) {
  process.stderr.write('redis-server is missing: install it (apt-get install redis-server) or set TEST_REDIS_URL to a Redis the tests may write to\n');
  process.exit(1);
}
