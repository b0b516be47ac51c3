/**
 * What Redis trouble looks like to Kefu's fail-fast client, provoked on a redis-server of this
 * file's own: each kind fails within its bound, is classified "store unavailable", and is answered
 * 503 with Retry-After; other errors stay 500. Pins ioredis's messages, which the classifier reads.
 */
import express from 'express';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { errorHandler } from '../../bot/http/errors.js';
import { createLogger } from '../../bot/logger.js';
import { RedisResponseCache } from '../../bot/orders/responseCache.js';
import { createRedisClient, whenReady } from '../../bot/state/redisClient.js';
import { TurnLockTimeoutError } from '../../bot/state/turnLock.js';
import { isStoreUnavailable, RETRY_AFTER_SECONDS } from '../../bot/state/unavailable.js';
import { startRedisServer } from '../support/redisServer.js';

const logger = createLogger('silent');
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const done of cleanup.splice(0).reverse()) await done();
});

/** A fail-fast client of a redis-server started for the test (stopped after it). */
async function connected(commandTimeoutMs = 5000) {
  const server = await startRedisServer();
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= server.stop());
  cleanup.push(stop);
  const client = createRedisClient(server.url, { commandTimeoutMs }, logger);
  cleanup.push(() => client.disconnect());
  await whenReady(client);
  const admin = createRedisClient(server.url, { commandTimeoutMs: 5000 }, logger);
  cleanup.push(() => admin.disconnect());
  await whenReady(admin);
  return { stop, client, admin };
}

/** A client of an address where nothing listens (Redis down since before start-up). */
function nowhere(): Redis {
  const client = createRedisClient('redis://127.0.0.1:1', { commandTimeoutMs: 1000 }, logger);
  cleanup.push(() => client.disconnect());
  return client;
}

async function failure(command: Promise<unknown>): Promise<{ err: unknown; ms: number }> {
  const started = Date.now();
  const err = await command.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return { err, ms: Date.now() - started };
}

describe('Redis unavailable, as the fail-fast client reports it', () => {
  it('down: fails at once', async () => {
    const { err, ms } = await failure(nowhere().get('k'));
    expect(isStoreUnavailable(err)).toBe(true);
    expect(ms).toBeLessThan(500);
  });

  it('hanging: fails after the command timeout', async () => {
    const { client, admin } = await connected(300);
    await admin.call('CLIENT', 'PAUSE', '2000', 'ALL');
    const { err, ms } = await failure(client.get('k'));
    expect(isStoreUnavailable(err)).toBe(true);
    expect(ms).toBeLessThan(1500);
  });

  it('gone while a command was in flight: fails at once', async () => {
    const { stop, client, admin } = await connected();
    await admin.call('CLIENT', 'PAUSE', '5000', 'ALL');
    const pending = failure(client.incr('counter'));
    await new Promise((r) => setTimeout(r, 50));
    await stop();
    const { err } = await pending;
    expect(isStoreUnavailable(err)).toBe(true);
  });

  it('closed (shutting down)', async () => {
    const { client } = await connected();
    client.disconnect();
    expect(isStoreUnavailable((await failure(client.get('k'))).err)).toBe(true);
  });

  it('busy, loading or failing over; a conversation busy too long; also as the cause of another error', async () => {
    const { client } = await connected();
    const busy = (await failure(client.eval("return redis.error_reply('BUSY Redis is busy running a script')", 0))).err;
    expect(isStoreUnavailable(busy)).toBe(true);
    expect(isStoreUnavailable(new TurnLockTimeoutError('conversation busy'))).toBe(true);
    expect(isStoreUnavailable(new Error('turn failed', { cause: busy }))).toBe(true);
  });

  it('but not a wrong command, a bug, or anything else', async () => {
    const { client } = await connected();
    await client.set('text', 'x');
    expect(isStoreUnavailable((await failure(client.lpush('text', 'y'))).err)).toBe(false);
    expect(isStoreUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isStoreUnavailable('Command timed out')).toBe(false);
  });
});

describe('answers', () => {
  it('503 with Retry-After and code "unavailable" for the store; 500 for the rest', async () => {
    const down = nowhere();
    const app = express();
    app.get('/store', async () => {
      await down.get('k');
    });
    app.get('/bug', async () => {
      throw new TypeError('a bug');
    });
    app.use(errorHandler(logger));
    const server = app.listen(0, '127.0.0.1');
    cleanup.push(() => server.close());
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

    const refused = await fetch(`${base}/store`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    expect((await fetch(`${base}/bug`)).status).toBe(500);
  });

  it('the order cache: a miss, so orders are read from the order system', async () => {
    const cache = new RedisResponseCache(nowhere(), 'kefu:');
    await cache.set('trades/1', '{}', 15);
    expect(await cache.get('trades/1')).toBeUndefined();
  });
});
