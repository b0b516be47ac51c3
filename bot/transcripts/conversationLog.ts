/**
 * Every conversation's activities in order (buyer, bot and agent), with a TTL: the transcript
 * agents read, and the stream the web chat's Direct Line endpoint serves. An activity's position
 * is its watermark. Appends are announced (Redis pub/sub across processes, or in-process), so the
 * agent console and web chat clients get them live.
 *
 * Bounded: a conversation keeps its newest TRANSCRIPT_MAX_ENTRIES activities. Positions keep
 * counting past the cap, so a watermark stays valid, and `since` reads only what follows it.
 *
 * On Redis Cluster each script touches its conversation's list only (one slot); the channel is no
 * key, and a PUBLISH reaches subscribers on every node.
 */
import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';
import type { Cluster, Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { createSubscriber } from '../state/redisClient.js';
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
  /** Activities after `watermark` (0: from the oldest kept), and the new watermark. */
  since(where: ConversationId, watermark: number): Promise<{ activities: Partial<Activity>[]; watermark: number }>;
  /** Tells live listeners of an activity not worth keeping (typing). */
  announce(where: ConversationId, activity: Partial<Activity>): Promise<void>;
  /** Called for every append, from any process sharing the store. */
  onAppend(listener: (appended: Appended) => void): () => void;
  close(): Promise<void>;
}

/** The id of an activity the channel gave none: its conversation and position. */
const logId = (where: ConversationId, position: number) => `${where.conversationId}|${String(position).padStart(7, '0')}`;

/** A watermark from a client: anything but a non-negative number reads from the start. */
const startingAt = (watermark: number) => (Number.isFinite(watermark) && watermark > 0 ? Math.floor(watermark) : 0);

/**
 * One append, atomically: the position (one past the newest entry's), the entry, the cap, the
 * TTL and the announcement. Positions therefore have no gaps and follow list order, whatever
 * fails when. The position is only known here, so a generated id is spliced into the JSON here.
 * Entries are `{"position":N,"activity":{…}}`, position first, so a script can read it.
 *
 * KEYS[1]: the conversation's list. ARGV:
 *   [1] the activity as JSON (never `{}`: it has a timestamp);
 *   [2] '' when it has an id of its own, else the generated id's start as a JSON string
 *       (opening quote, no closing quote);
 *   [3] entries kept; [4] TTL seconds; [5] the pub/sub channel;
 *   [6] the announcement's start: the conversation as a JSON object without its closing brace.
 */
const APPEND = `
local newest = redis.call('LINDEX', KEYS[1], -1)
local position = 0
if newest then position = tonumber(string.match(newest, '^{"position":(%d+)')) + 1 end
local activity = ARGV[1]
if ARGV[2] ~= '' then
  activity = '{"id":' .. ARGV[2] .. string.format('%07d', position) .. '",' .. string.sub(activity, 2)
end
redis.call('RPUSH', KEYS[1], '{"position":' .. position .. ',"activity":' .. activity .. '}')
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[3]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('PUBLISH', ARGV[5], ARGV[6] .. ',"watermark":' .. (position + 1) .. ',"activity":' .. activity .. '}')
return position
`;

/** The entries at positions >= ARGV[1]: positions are consecutive, so the oldest one gives the offset. */
const SINCE = `
local oldest = redis.call('LINDEX', KEYS[1], 0)
if not oldest then return {} end
local skip = tonumber(ARGV[1]) - tonumber(string.match(oldest, '^{"position":(%d+)'))
if skip >= redis.call('LLEN', KEYS[1]) then return {} end
return redis.call('LRANGE', KEYS[1], math.max(skip, 0), -1)
`;

interface Entry {
  position: number;
  activity: Partial<Activity>;
}

type LogRedis = (Redis | Cluster) & {
  kefuLogAppend(key: string, activity: string, idStart: string, maxEntries: number, ttlSeconds: number, channel: string, announcement: string): Promise<number>;
  kefuLogSince(key: string, from: number): Promise<string[]>;
};

export class RedisConversationLog implements ConversationLog {
  private readonly channel: string;
  private readonly events = new EventEmitter();
  private readonly redis: LogRedis;
  /** Subscribed from the start, so no append published after start-up is missed. */
  private readonly subscriber: Redis | Cluster;

  constructor(
    redis: Redis | Cluster,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
    private readonly maxEntries: number,
  ) {
    if (!('kefuLogAppend' in redis)) {
      redis.defineCommand('kefuLogAppend', { numberOfKeys: 1, lua: APPEND });
      redis.defineCommand('kefuLogSince', { numberOfKeys: 1, lua: SINCE, readOnly: true });
    }
    this.redis = redis as LogRedis;
    this.channel = `${prefix}conversation-log`;
    this.events.setMaxListeners(0);
    this.subscriber = createSubscriber(redis);
    void this.subscriber.subscribe(this.channel).catch(() => {});
    this.subscriber.on('message', (_channel, message: string) => this.events.emit('append', JSON.parse(message) as Appended));
  }

  private key(where: ConversationId): string {
    return taggedKey(this.prefix, 'log', conversationStateName(where.channelId, where.conversationId));
  }

  /** Stamps the time it entered the log, so timestamps follow log order (Web Chat orders by them). */
  async append(where: ConversationId, activity: Partial<Activity>): Promise<Partial<Activity>> {
    const stamped = { ...activity, id: activity.id ?? undefined, timestamp: new Date() };
    const { channelId, conversationId } = where;
    const position = await this.redis.kefuLogAppend(
      this.key(where),
      JSON.stringify(stamped),
      stamped.id === undefined ? JSON.stringify(`${conversationId}|`).slice(0, -1) : '',
      this.maxEntries,
      this.ttlSeconds,
      this.channel,
      JSON.stringify({ channelId, conversationId }).slice(0, -1),
    );
    return { ...stamped, id: stamped.id ?? logId(where, position) };
  }

  async announce({ channelId, conversationId }: ConversationId, activity: Partial<Activity>): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify({ channelId, conversationId, watermark: 0, activity, transient: true } satisfies Appended));
  }

  async since(where: ConversationId, watermark: number) {
    const from = startingAt(watermark);
    const entries = (await this.redis.kefuLogSince(this.key(where), from)).map((raw) => JSON.parse(raw) as Entry);
    const newest = entries.at(-1);
    return { activities: entries.map((e) => e.activity), watermark: newest ? newest.position + 1 : from };
  }

  onAppend(listener: (appended: Appended) => void): () => void {
    this.events.on('append', listener);
    return () => this.events.off('append', listener);
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
  }
}

/** A conversation's kept activities and the position of the oldest. */
interface Kept {
  first: number;
  activities: Partial<Activity>[];
}

export class MemoryConversationLog implements ConversationLog {
  /** One process's conversations, the most recent 10,000. */
  private readonly logs = new LRUCache<string, Kept>({ max: 10_000 });
  private readonly events = new EventEmitter();

  constructor(private readonly maxEntries: number) {
    this.events.setMaxListeners(0);
  }

  async append(where: ConversationId, activity: Partial<Activity>): Promise<Partial<Activity>> {
    const key = conversationStateName(where.channelId, where.conversationId);
    const log = this.logs.get(key) ?? { first: 0, activities: [] };
    this.logs.set(key, log);
    const position = log.first + log.activities.length;
    const stored = { ...activity, id: activity.id ?? logId(where, position), timestamp: new Date() };
    log.activities.push(stored);
    const over = log.activities.length - this.maxEntries;
    if (over > 0) {
      log.activities.splice(0, over);
      log.first += over;
    }
    const { channelId, conversationId } = where;
    this.events.emit('append', { channelId, conversationId, watermark: position + 1, activity: stored } satisfies Appended);
    return stored;
  }

  async announce({ channelId, conversationId }: ConversationId, activity: Partial<Activity>): Promise<void> {
    this.events.emit('append', { channelId, conversationId, watermark: 0, activity, transient: true } satisfies Appended);
  }

  async since(where: ConversationId, watermark: number) {
    const from = startingAt(watermark);
    const log = this.logs.get(conversationStateName(where.channelId, where.conversationId)) ?? { first: 0, activities: [] };
    const activities = log.activities.slice(Math.max(0, from - log.first));
    return { activities, watermark: Math.max(from, log.first + log.activities.length) };
  }

  onAppend(listener: (appended: Appended) => void): () => void {
    this.events.on('append', listener);
    return () => this.events.off('append', listener);
  }

  async close(): Promise<void> {}
}
