/**
 * Every conversation's activities in order (buyer, bot and agent), with a TTL: the transcript
 * agents read, and the stream the web chat's Direct Line endpoint serves. An activity's position
 * is its watermark. Appends are announced (Redis pub/sub across processes, or in-process), so the
 * agent console and web chat clients get them live.
 */
import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';
import type { Redis } from 'ioredis';
import { conversationStateName, taggedKey } from '../state/redisKeys.js';

export interface ConversationId {
  channelId: string;
  conversationId: string;
}

export interface Appended extends ConversationId {
  /** Activities in the log after this append. */
  watermark: number;
  activity: Partial<Activity>;
  /** Announced live but not kept (typing). */
  transient?: boolean;
}

export interface ConversationLog {
  /** Appends and returns the activity with its log id (`<conversationId>|<position>`). */
  append(where: ConversationId, activity: Partial<Activity>): Promise<Partial<Activity>>;
  /** Activities after `watermark` (0: from the start), and the new watermark. */
  since(where: ConversationId, watermark: number): Promise<{ activities: Partial<Activity>[]; watermark: number }>;
  /** Tells live listeners of an activity not worth keeping (typing). */
  announce(where: ConversationId, activity: Partial<Activity>): Promise<void>;
  /** Called for every append, from any process sharing the store. */
  onAppend(listener: (appended: Appended) => void): () => void;
  close(): Promise<void>;
}

/**
 * Keeps the id a channel gave the activity, otherwise `<conversationId>|<position>`; stamps the
 * time it entered the log, so timestamps follow log order (Web Chat orders by them).
 */
const withId = (where: ConversationId, activity: Partial<Activity>, position: number): Partial<Activity> => ({
  ...activity,
  id: activity.id ?? `${where.conversationId}|${String(position).padStart(7, '0')}`,
  timestamp: new Date(),
});

export class RedisConversationLog implements ConversationLog {
  private readonly channel: string;
  private readonly events = new EventEmitter();
  /** Subscribed from the start, so no append published after start-up is missed. */
  private readonly subscriber: Redis;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {
    this.channel = `${prefix}conversation-log`;
    this.events.setMaxListeners(0);
    this.subscriber = redis.duplicate();
    this.subscriber.on('error', () => {}); // the main connection reports Redis trouble (readyz, logs)
    void this.subscriber.subscribe(this.channel).catch(() => {});
    this.subscriber.on('message', (_channel, message: string) => this.events.emit('append', JSON.parse(message) as Appended));
  }

  private key(where: ConversationId): string {
    return taggedKey(this.prefix, 'log', conversationStateName(where.channelId, where.conversationId));
  }

  async append(where: ConversationId, activity: Partial<Activity>): Promise<Partial<Activity>> {
    const key = this.key(where);
    // The id needs the position, known only after the push: reserve it with a counter first.
    const position = (await this.redis.incr(`${key}:n`)) - 1;
    const stored = withId(where, activity, position);
    await this.redis
      .multi()
      .rpush(key, JSON.stringify({ position, activity: stored }))
      .expire(key, this.ttlSeconds)
      .expire(`${key}:n`, this.ttlSeconds)
      .publish(this.channel, JSON.stringify({ ...where, watermark: position + 1, activity: stored }))
      .exec();
    return stored;
  }

  async announce(where: ConversationId, activity: Partial<Activity>): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify({ ...where, watermark: 0, activity, transient: true } satisfies Appended));
  }

  async since(where: ConversationId, watermark: number) {
    const raw = await this.redis.lrange(this.key(where), 0, -1);
    // Two appends racing may push out of position order; the position is the truth.
    const entries = raw.map((r) => JSON.parse(r) as { position: number; activity: Partial<Activity> }).sort((a, b) => a.position - b.position);
    return { activities: entries.filter((e) => e.position >= watermark).map((e) => e.activity), watermark: Math.max(watermark, entries.length) };
  }

  onAppend(listener: (appended: Appended) => void): () => void {
    this.events.on('append', listener);
    return () => this.events.off('append', listener);
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
  }
}

export class MemoryConversationLog implements ConversationLog {
  private readonly logs = new Map<string, Partial<Activity>[]>();
  private readonly events = new EventEmitter();

  constructor() {
    this.events.setMaxListeners(0);
  }

  async append(where: ConversationId, activity: Partial<Activity>): Promise<Partial<Activity>> {
    const key = conversationStateName(where.channelId, where.conversationId);
    const log = this.logs.get(key) ?? [];
    this.logs.set(key, log);
    const stored = withId(where, activity, log.length);
    log.push(stored);
    this.events.emit('append', { ...where, watermark: log.length, activity: stored } satisfies Appended);
    return stored;
  }

  async announce(where: ConversationId, activity: Partial<Activity>): Promise<void> {
    this.events.emit('append', { ...where, watermark: 0, activity, transient: true } satisfies Appended);
  }

  async since(where: ConversationId, watermark: number) {
    const log = this.logs.get(conversationStateName(where.channelId, where.conversationId)) ?? [];
    return { activities: log.slice(watermark), watermark: Math.max(watermark, log.length) };
  }

  onAppend(listener: (appended: Appended) => void): () => void {
    this.events.on('append', listener);
    return () => this.events.off('append', listener);
  }

  async close(): Promise<void> {}
}
