/** A short-lived cache of validated order responses: Redis when configured, else process memory. */
import type { Cluster, Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { isStoreUnavailable } from '../state/unavailable.js';

/** Only a cache: with Redis unavailable, orders are read from the order system (a miss, nothing kept). */
const asMiss = (err: unknown) => {
  if (isStoreUnavailable(err)) return undefined;
  throw err;
};

export interface ResponseCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
}

export class RedisResponseCache implements ResponseCache {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}orders:${key}`).catch(asMiss)) ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(`${this.prefix}orders:${key}`, value, 'EX', ttlSeconds).catch(asMiss);
  }
}

export class MemoryResponseCache implements ResponseCache {
  private readonly cache = new LRUCache<string, string>({ max: 5000 });

  async get(key: string): Promise<string | undefined> {
    return this.cache.get(key);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.cache.set(key, value, { ttl: ttlSeconds * 1000 });
  }
}
