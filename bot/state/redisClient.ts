/**
 * Kefu's Redis connections. While Redis is down or not answering, a command fails within about
 * REDIS_COMMAND_TIMEOUT_MS, so a request is refused with 503 (bot/state/unavailable.ts) instead
 * of hanging; the client keeps reconnecting and serves again as soon as Redis is back.
 *
 * ioredis's defaults do the opposite: a command issued while disconnected waits in the offline
 * queue through reconnect attempts (15–16 s were measured in an outage), and commands in flight
 * when the connection drops are sent again after reconnecting, so an append could run twice, or
 * run long after its caller had given up and answered.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';

export interface RedisClientSettings {
  /** Longest wait for one command's answer (Redis hung, network black-holed). */
  commandTimeoutMs: number;
}

/** Reconnect for ever, at most a second apart: service resumes within a second of Redis's return. */
const reconnectDelay = (attempt: number) => Math.min(attempt * 100, 1000);

function failFastOptions({ commandTimeoutMs }: RedisClientSettings): RedisOptions {
  return {
    enableAutoPipelining: true,
    // Connected but no answer (Redis hung, a black-holed network): give up after this long.
    commandTimeout: commandTimeoutMs,
    // Not connected (down, refusing, reconnecting, still in the ready check): fail at once rather
    // than queue. A queued command would also be sent after reconnecting even if its caller had
    // timed out and answered 503 meanwhile; this way a refused request has changed nothing.
    enableOfflineQueue: false,
    // In flight when the connection drops: fail at once, never send again. Redis may or may not
    // have run it (inherent to any network call); re-sending could run it twice.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: reconnectDelay,
    // A connect attempt that hangs (host gone) is abandoned and retried, so a returning Redis is
    // noticed within a few seconds. Commands do not wait for it: they fail at once meanwhile.
    connectTimeout: 3000,
  };
}

/** The connection every store shares. Wait for `whenReady` before serving (see there). */
export function createRedisClient(url: string, settings: RedisClientSettings, logger: Logger): Redis {
  const redis = new Redis(url, failFastOptions(settings));
  let down = false;
  redis.on('error', (err: Error) => {
    if (!down) logger.error({ err: err.message }, 'redis unavailable: requests that need it are answered 503 until it is back');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info('redis is back');
    down = false;
  });
  return redis;
}

/**
 * A pub/sub connection: SUBSCRIBE is sent once Redis is reachable (queued until then, retried
 * across reconnects) and re-sent after every reconnect (ioredis's autoResubscribe). Without the
 * offline queue a subscription made while Redis was away would be lost for good.
 */
export function createSubscriber(redis: Redis): Redis {
  const subscriber = redis.duplicate({
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    autoResendUnfulfilledCommands: true,
    commandTimeout: undefined,
  });
  subscriber.on('error', () => {}); // the shared connection reports Redis trouble (logs, readyz)
  return subscriber;
}

/**
 * Resolves once the connection is ready, or after `ms` when Redis is down at start-up (the
 * process then serves anyway: 503 until Redis answers, /readyz says why). Without this wait the
 * first requests after start-up would be refused while the connection is still being made.
 */
export function whenReady(redis: Redis, ms = 5000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    redis.once('ready', done);
  });
}

/** QUIT needs a connection; while Redis is away just stop reconnecting. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status !== 'ready') return redis.disconnect();
  await redis.quit().catch(() => redis.disconnect());
}
