/**
 * What the shop needs to reach a buyer on its own initiative: the buyer's last conversation
 * (a Bot Framework ConversationReference, saved on every message) and whether they asked for no
 * more reminders. Redis (shared by all processes) or memory (embedded mode).
 */
import type { ConversationReference } from 'botbuilder';
import type { Cluster, Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { taggedKey } from '../state/redisKeys.js';

export type BuyerReference = Partial<ConversationReference>;

export interface ReminderOptOut {
  /** The buyer said stop: no more 催付 reminders for any of their trades. */
  optOut(buyerId: string): Promise<void>;
}

export interface BuyerContacts extends ReminderOptOut {
  saveReference(buyerId: string, reference: BuyerReference): Promise<void>;
  reference(buyerId: string): Promise<BuyerReference | undefined>;
  optedOut(buyerId: string): Promise<boolean>;
}

export class RedisBuyerContacts implements BuyerContacts {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  async saveReference(buyerId: string, reference: BuyerReference): Promise<void> {
    await this.redis.set(taggedKey(this.prefix, 'buyer-reference', buyerId), JSON.stringify(reference), 'EX', this.ttlSeconds);
  }

  async reference(buyerId: string): Promise<BuyerReference | undefined> {
    const raw = await this.redis.get(taggedKey(this.prefix, 'buyer-reference', buyerId));
    return raw ? (JSON.parse(raw) as BuyerReference) : undefined;
  }

  async optOut(buyerId: string): Promise<void> {
    await this.redis.set(taggedKey(this.prefix, 'buyer-no-reminders', buyerId), '1', 'EX', this.ttlSeconds);
  }

  async optedOut(buyerId: string): Promise<boolean> {
    return (await this.redis.exists(taggedKey(this.prefix, 'buyer-no-reminders', buyerId))) === 1;
  }
}

export class MemoryBuyerContacts implements BuyerContacts {
  private readonly references = new LRUCache<string, BuyerReference>({ max: 10_000 });
  private readonly optedOutBuyers = new LRUCache<string, true>({ max: 10_000 });

  async saveReference(buyerId: string, reference: BuyerReference): Promise<void> {
    this.references.set(buyerId, reference);
  }

  async reference(buyerId: string): Promise<BuyerReference | undefined> {
    return this.references.get(buyerId);
  }

  async optOut(buyerId: string): Promise<void> {
    this.optedOutBuyers.set(buyerId, true);
  }

  async optedOut(buyerId: string): Promise<boolean> {
    return this.optedOutBuyers.has(buyerId);
  }
}
