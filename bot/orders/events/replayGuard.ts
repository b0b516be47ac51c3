/**
 * Remembers event ids so a replayed event is refused; Redis (shared by all processes) or memory.
 *
 * Two steps, so an event is never refused as a replay without having been processed: `claim`
 * marks the id as in progress for a short lease, `accept` remembers it for the retention once
 * processing succeeded. If processing fails, `release` frees the id at once; if even that fails
 * (Redis gone mid-request), or the answer to a claim was lost, the lease runs out and the
 * sender's retry is processed then.
 */
import type { Cluster, Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

export type Claim = 'claimed' | 'in_progress' | 'accepted';

export interface ReplayGuard {
  /** `claimed` the first time; `in_progress` while another delivery holds the lease; `accepted` for a replay. */
  claim(eventId: string): Promise<Claim>;
  /** Processing succeeded: refuse the id as a replay from now on. */
  accept(eventId: string): Promise<void>;
  /** Processing failed: the sender's retry is processed. */
  release(eventId: string): Promise<void>;
}

/** Longer than processing an event can take (order-system retries included). */
const LEASE_SECONDS = 60;
const IN_PROGRESS = 'in_progress';

export class RedisReplayGuard implements ReplayGuard {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly prefix: string,
    private readonly retentionSeconds: number,
    private readonly leaseSeconds = LEASE_SECONDS,
  ) {}

  async claim(eventId: string): Promise<Claim> {
    const key = this.key(eventId);
    if ((await this.redis.set(key, IN_PROGRESS, 'EX', this.leaseSeconds, 'NX')) === 'OK') return 'claimed';
    // Any other value is an accepted id ('1' from earlier versions included). Gone meanwhile
    // (lease ended, or released): the sender retries.
    const seen = await this.redis.get(key);
    return seen === IN_PROGRESS || seen === null ? 'in_progress' : 'accepted';
  }

  async accept(eventId: string): Promise<void> {
    await this.redis.set(this.key(eventId), 'accepted', 'EX', this.retentionSeconds);
  }

  async release(eventId: string): Promise<void> {
    await this.redis.del(this.key(eventId));
  }

  private key(eventId: string): string {
    return `${this.prefix}order-event:${eventId}`;
  }
}

export class MemoryReplayGuard implements ReplayGuard {
  private readonly seen: LRUCache<string, Claim>;

  constructor(private readonly retentionSeconds: number) {
    this.seen = new LRUCache({ max: 100_000 });
  }

  async claim(eventId: string): Promise<Claim> {
    const seen = this.seen.get(eventId);
    if (seen) return seen;
    this.seen.set(eventId, 'in_progress', { ttl: LEASE_SECONDS * 1000 });
    return 'claimed';
  }

  async accept(eventId: string): Promise<void> {
    this.seen.set(eventId, 'accepted', { ttl: this.retentionSeconds * 1000 });
  }

  async release(eventId: string): Promise<void> {
    this.seen.delete(eventId);
  }
}
