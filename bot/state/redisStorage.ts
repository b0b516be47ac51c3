/**
 * botbuilder Storage on Redis (ioredis, single node or Cluster).
 *
 * Semantics match botbuilder's MemoryStorage: a write whose eTag is missing or `*`, or whose key
 * does not exist yet, always succeeds; otherwise the eTag must equal the stored one, or the write
 * fails with an eTag conflict error. The compare-and-set runs as one Lua script, so it holds
 * across processes. Each item is a hash {v: JSON value, e: eTag}; every write refreshes the TTL.
 */
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { Cluster, type Redis } from 'ioredis';
import { taggedKey } from './redisKeys.js';
import { NotReplicatedError } from './unavailable.js';

const WRITE_IF_MATCH = `
local current = redis.call('HGET', KEYS[1], 'e')
local expected = ARGV[1]
if current and expected ~= '' and expected ~= '*' and expected ~= current then
  return 0
end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'e', ARGV[3])
if tonumber(ARGV[4]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
end
return 1
`;

export class ETagConflictError extends Error {
  override name = 'ETagConflictError';
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}

export interface RedisStorageOptions {
  /** Prepended to every key, e.g. "kefu:". */
  prefix: string;
  /** Expiry of each item, refreshed on every write; 0 keeps items forever. */
  ttlSeconds: number;
  /**
   * Replicas a write must reach before it counts (WAIT), and how long to wait for them. With
   * Sentinel, a write only the old master had is lost at a failover; waiting for the replica makes
   * an answered turn one the new master has. Not on Cluster (WAIT has no key to route by).
   */
  replicas?: { count: number; waitMs: number };
}

type ScriptedRedis = (Redis | Cluster) & {
  kefuWriteIfMatch(key: string, expectedETag: string, json: string, eTag: string, ttlMs: number): Promise<number>;
};

export class RedisStorage implements Storage {
  private readonly redis: ScriptedRedis;

  constructor(
    redis: Redis | Cluster,
    private readonly options: RedisStorageOptions,
  ) {
    if (!('kefuWriteIfMatch' in redis)) redis.defineCommand('kefuWriteIfMatch', { numberOfKeys: 1, lua: WRITE_IF_MATCH });
    this.redis = redis as ScriptedRedis;
  }

  private keyOf(name: string): string {
    return taggedKey(this.options.prefix, 'state', name);
  }

  async read(keys: string[]): Promise<StoreItems> {
    // One command per key (auto-pipelined by ioredis) rather than one multi-key command, so keys
    // in different Cluster slots can be read together.
    const rows = await Promise.all(keys.map((key) => this.redis.hmget(this.keyOf(key), 'v', 'e')));
    const items: StoreItems = {};
    rows.forEach(([value, eTag], i) => {
      if (value == null) return;
      items[keys[i]!] = { ...JSON.parse(value), eTag };
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const ttlMs = this.options.ttlSeconds * 1000;
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        const { eTag: expected, ...value } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
        const written = await this.redis.kefuWriteIfMatch(this.keyOf(key), expected ?? '', JSON.stringify(value), randomUUID(), ttlMs);
        if (written !== 1) throw new ETagConflictError(key);
      }),
    );
    const { replicas } = this.options;
    if (!replicas?.count || this.redis instanceof Cluster) return;
    const reached = Number(await this.redis.call('WAIT', replicas.count, replicas.waitMs));
    if (reached < replicas.count) throw new NotReplicatedError(`state reached ${reached} of ${replicas.count} replicas within ${replicas.waitMs} ms`);
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.redis.del(this.keyOf(key))));
  }
}
