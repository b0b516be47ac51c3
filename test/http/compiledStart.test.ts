/**
 * `npm start` runs the compiled build (`npm run build` → dist/) with node alone, no TypeScript
 * loader. Built once here, then started as its own process: it must find everything it reads at
 * run time (knowledge, templates, the recognizer's calibration, the web pages) from the build too.
 * The build goes to a directory of this run's own inside dist/, so that a build someone else is
 * running, or another test run's, is never overwritten under a live process.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../knowledge/paths.js';
import { unescapeText } from '../../templates/escape.js';
import { say, UNLIMITED } from '../support/kefu.js';
import { startKefuProcess, type KefuProcess } from '../support/kefuProcess.js';
import { testRedis } from '../support/redis.js';

const OUT_DIR = join('dist', `.test-${randomUUID().slice(0, 8)}`);
const { redis, prefix, url } = testRedis();
let kefu: KefuProcess | undefined;

beforeAll(async () => {
  await promisify(execFile)('npm', ['run', 'build', '--', '--outDir', OUT_DIR], { cwd: PROJECT_ROOT }).catch((err: { stdout?: string }) => {
    throw new Error(`npm run build failed:\n${err.stdout}`);
  });
  kefu = await startKefuProcess({ ...UNLIMITED, REDIS_URL: url, REDIS_KEY_PREFIX: prefix }, join(OUT_DIR, 'bot', 'main.js'));
}, 180_000);
afterAll(async () => {
  await kefu?.stop();
  await rm(join(PROJECT_ROOT, OUT_DIR), { recursive: true, force: true });
  await redis.quit();
});

describe('the compiled build, started as npm start does', () => {
  it('is ready, and answers a buyer from the knowledge, templates and recognizer', async () => {
    const ready = await fetch(`${kefu!.url}/readyz`);
    expect(ready.status).toBe(200);
    const replies = await say(kefu!.url, 'compiled-1', '我想换货', 'tb_buyer_001');
    const text = replies.map((r) => unescapeText(r.text ?? '')).join('\n');
    expect(text).toContain('哪一笔订单');
    // Its state went to Redis, where a second process would find it.
    expect(await redis.keys(`${prefix}state:*compiled-1*`)).toHaveLength(1);
  });

  it('serves the shop window and the agent console', async () => {
    const chatPage = await fetch(`${kefu!.url}/`);
    expect(chatPage.status).toBe(200);
    expect(await chatPage.text()).toContain('<html');
    const agentConsole = await fetch(`${kefu!.url}/agent/`);
    expect(agentConsole.status).toBe(200);
    expect(await agentConsole.text()).toContain('<html');
  });
});
