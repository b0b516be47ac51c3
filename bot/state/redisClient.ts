/**
 * Kefu's Redis connections, to one server, a Redis Cluster or a Sentinel-managed master. While
 * Redis is down or not answering, a command fails within about REDIS_COMMAND_TIMEOUT_MS, so a
 * request is refused with 503 (bot/state/unavailable.ts) instead of hanging; the client keeps
 * reconnecting and serves again as soon as Redis is back.
 *
 * ioredis's defaults do the opposite: a command issued while disconnected waits in the offline
 * queue through reconnect attempts (15–16 s were measured in an outage), and commands in flight
 * when the connection drops are sent again after reconnecting, so an append could run twice, or
 * run long after its caller had given up and answered.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';

export interface RedisClientSettings {
  /** Longest wait for one command's answer (Redis hung, network black-holed). */
  commandTimeoutMs: number;
}

export interface HostPort {
  host: string;
  port: number;
}

/** Credentials and TLS for cluster nodes and Sentinel-managed servers (a URL carries its own). */
export interface RedisAuth {
  password?: string;
  /** Connect with TLS; `caFile` adds a private CA (PEM) to the trusted ones. */
  tls?: { caFile?: string };
}

/** Where Redis is: one server (a URL), a Redis Cluster (seed nodes), or a master found through Sentinel. */
export type RedisTarget =
  | string
  | ({ cluster: HostPort[] } & RedisAuth)
  | ({ sentinels: HostPort[]; name: string; sentinelPassword?: string } & RedisAuth);

export type RedisConnection = Redis | Cluster;

/** "host:port,host:port" (IPv6 in brackets: "[::1]:6379"); throws naming the first bad entry. */
export function parseHostPorts(spec: string): HostPort[] {
  return spec.split(',').map((entry) => {
    const match = /^\s*(\[[^\]]+\]|[^:\s]+):(\d{1,5})\s*$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535) throw new Error(`expected host:port[,host:port…], got "${entry.trim()}"`);
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
  });
}

/** Reconnect for ever, at most a second apart: service resumes within a second of Redis's return. */
const reconnectDelay = (attempt: number) => Math.min(attempt * 100, 1000);

/** The options every connection to a Redis server gets, whatever the topology. */
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

function tlsOptions(tls: RedisAuth['tls']): TlsOptions | undefined {
  if (!tls) return undefined;
  return tls.caFile ? { ca: readFileSync(tls.caFile) } : {};
}

function clusterClient(nodes: HostPort[], auth: RedisAuth, settings: RedisClientSettings): Cluster {
  // ioredis sets the offline queue and reconnecting for the cluster as a whole, not per node.
  const { enableOfflineQueue, retryStrategy, ...nodeOptions } = failFastOptions(settings);
  const options: ClusterOptions = {
    enableOfflineQueue,
    enableAutoPipelining: true,
    clusterRetryStrategy: retryStrategy,
    // ioredis re-sends a command whose node connection closed, and that includes commands in
    // flight, which Redis may have run: never. A CLUSTERDOWN answer is not worth waiting out
    // either; both fail at once (503) like any outage. MOVED/ASK/TRYAGAIN were not run: followed.
    retryDelayOnFailover: 0,
    retryDelayOnClusterDown: 0,
    redisOptions: { ...nodeOptions, password: auth.password, tls: tlsOptions(auth.tls) },
  };
  return new Cluster(nodes, options);
}

/** A demoted master answers writes with READONLY: reconnect, so Sentinel names the new one. */
const reconnectIfReadOnly = (err: Error) => err.message.startsWith('READONLY');

function sentinelClient(target: Extract<RedisTarget, { sentinels: HostPort[] }>, settings: RedisClientSettings): Redis {
  const tls = tlsOptions(target.tls);
  return new Redis({
    ...failFastOptions(settings),
    sentinels: target.sentinels,
    name: target.name,
    sentinelPassword: target.sentinelPassword,
    password: target.password,
    tls,
    enableTLSForSentinelMode: tls !== undefined,
    sentinelTLS: tls,
    // Sentinel tells subscribers of a failover: reconnect to the new master at once.
    failoverDetector: true,
    reconnectOnError: reconnectIfReadOnly,
  });
}

function connect(target: RedisTarget, settings: RedisClientSettings): RedisConnection {
  if (typeof target === 'string') return new Redis(target, failFastOptions(settings));
  if ('cluster' in target) return clusterClient(target.cluster, target, settings);
  return sentinelClient(target, settings);
}

/**
 * The one way Kefu connects to Redis: every store, the turn lock, the conversation log, rate
 * limits and BullMQ use the client made here (or a `createSubscriber` of it). Wait for `whenReady`
 * before serving (see there).
 */
export function createRedisClient(url: string, settings: RedisClientSettings, logger: Logger): Redis;
export function createRedisClient(target: RedisTarget, settings: RedisClientSettings, logger: Logger): RedisConnection;
export function createRedisClient(target: RedisTarget, settings: RedisClientSettings, logger: Logger): RedisConnection {
  const redis = connect(target, settings);
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

/** Patient instead of fail-fast: queue while disconnected, retry across reconnects, no command timeout. */
const PATIENT = {
  enableOfflineQueue: true,
  maxRetriesPerRequest: null,
  autoResendUnfulfilledCommands: true,
  commandTimeout: undefined,
} satisfies RedisOptions;

/**
 * A second connection for long waits, where failing fast would be wrong: pub/sub (SUBSCRIBE is
 * sent once Redis is reachable and re-sent after every reconnect; without the offline queue a
 * subscription made while Redis was away would be lost for good) and BullMQ's worker (its
 * blocking BZPOPMIN outlasts any command timeout; BullMQ requires maxRetriesPerRequest null).
 * The caller closes it.
 */
export function createSubscriber(redis: Redis): Redis;
export function createSubscriber(redis: RedisConnection): RedisConnection;
export function createSubscriber(redis: RedisConnection): RedisConnection {
  const patient =
    redis instanceof Cluster
      ? redis.duplicate([], { enableOfflineQueue: true, retryDelayOnFailover: 100, redisOptions: { ...redis.options.redisOptions, ...PATIENT } })
      : redis.duplicate(PATIENT);
  patient.on('error', () => {}); // the shared connection reports Redis trouble (logs, readyz)
  return patient;
}

/**
 * Resolves once the connection is ready, or after `ms` when Redis is down at start-up (the
 * process then serves anyway: 503 until Redis answers, /readyz says why). Without this wait the
 * first requests after start-up would be refused while the connection is still being made.
 */
export function whenReady(redis: RedisConnection, ms = 5000): Promise<void> {
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
export async function closeRedis(redis: RedisConnection): Promise<void> {
  if (redis.status !== 'ready') return redis.disconnect();
  await redis.quit().catch(() => redis.disconnect());
}
