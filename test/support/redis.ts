import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** A client for the test Redis and a key prefix no other test file uses. */
export function testRedis(): { redis: Redis; prefix: string; url: string } {
  const url = inject('redisUrl');
  return { redis: new Redis(url), prefix: `t${randomUUID().slice(0, 8)}:`, url };
}
