/** Remembers event ids so a replayed event is refused; Redis (shared by all processes) or memory. */
import type { Cluster, Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

export interface ReplayGuard {
  /** True the first time an id is seen within the retention; false for a replay. */
  firstSighting(eventId: string): Promise<boolean>;
  /** Forgets an id whose processing failed, so the sender's retry is accepted. */
  forget(eventId: string): Promise<void>;
}

export class RedisReplayGuard implements ReplayGuard {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly prefix: string,
    private readonly retentionSeconds: number,
  ) {}

  async firstSighting(eventId: string): Promise<boolean> {
    return (await this.redis.set(this.key(eventId), '1', 'EX', this.retentionSeconds, 'NX')) === 'OK';
  }

  async forget(eventId: string): Promise<void> {
    await this.redis.del(this.key(eventId));
  }

  private key(eventId: string): string {
    return `${this.prefix}order-event:${eventId}`;
  }
}

export class MemoryReplayGuard implements ReplayGuard {
  private readonly seen: LRUCache<string, true>;

  constructor(retentionSeconds: number) {
    this.seen = new LRUCache({ max: 100_000, ttl: retentionSeconds * 1000 });
  }

  async firstSighting(eventId: string): Promise<boolean> {
    if (this.seen.has(eventId)) return false;
    this.seen.set(eventId, true);
    return true;
  }

  async forget(eventId: string): Promise<void> {
    this.seen.delete(eventId);
  }
}
