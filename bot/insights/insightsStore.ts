/**
 * Where insights live: open conversations (a session each, and a sorted set by last activity so
 * any process can find the idle ones), day counters (Asia/Shanghai days), unanswered questions
 * (masked, counted per day) and which conversation reminded which trade. Redis, shared by every
 * process; or memory in the embedded single-process mode.
 */
import type { RedisConnection } from '../state/redisClient.js';
import { taggedKey } from '../state/redisKeys.js';
import type { QuestionCount } from './clusters.js';
import type { Session } from './outcome.js';

export interface InsightsStore {
  session(name: string): Promise<Session | undefined>;
  /** Saves the session and marks it active at its lastAt. */
  saveSession(session: Session): Promise<void>;
  /** Takes (removes and returns) sessions last active before `before`; each is taken by one caller only. */
  takeIdle(before: Date, limit: number): Promise<Session[]>;
  count(day: string, counters: Record<string, number>): Promise<void>;
  /** The counters of each day, in the order given. */
  counters(days: string[]): Promise<Record<string, number>[]>;
  addUnanswered(day: string, text: string): Promise<void>;
  /** Distinct unanswered texts over these days, with how often each was asked. */
  unanswered(days: string[]): Promise<QuestionCount[]>;
  rememberReminder(tid: string, conversation: string): Promise<void>;
  /** The conversation that reminded this trade, once: a second payment event finds nothing. */
  takeReminder(tid: string): Promise<string | undefined>;
}

/** Distinct unanswered texts kept per day; beyond it only known texts are counted (a flood cannot grow memory). */
export const MAX_UNANSWERED_PER_DAY = 5000;
/** Day counters are kept for a little over a year. */
const DAY_TTL_SECONDS = 400 * 24 * 3600;
/** A reminder converts when the trade is paid within this. */
const REMINDER_TTL_SECONDS = 7 * 24 * 3600;

function sum(into: Map<string, number>, counters: Record<string, number>): void {
  for (const [field, n] of Object.entries(counters)) into.set(field, (into.get(field) ?? 0) + n);
}

export class MemoryInsightsStore implements InsightsStore {
  private readonly sessions = new Map<string, Session>();
  private readonly days = new Map<string, Map<string, number>>();
  private readonly questions = new Map<string, Map<string, number>>();
  private readonly reminders = new Map<string, string>();

  async session(name: string) {
    const s = this.sessions.get(name);
    return s && structuredClone(s);
  }
  async saveSession(session: Session) {
    this.sessions.set(session.name, structuredClone(session));
  }
  async takeIdle(before: Date, limit: number) {
    const idle = [...this.sessions.values()].filter((s) => Date.parse(s.lastAt) < before.getTime()).slice(0, limit);
    for (const s of idle) this.sessions.delete(s.name);
    return idle;
  }
  async count(day: string, counters: Record<string, number>) {
    const into = this.days.get(day) ?? new Map<string, number>();
    sum(into, counters);
    this.days.set(day, into);
  }
  async counters(days: string[]) {
    return days.map((day) => Object.fromEntries(this.days.get(day) ?? []));
  }
  async addUnanswered(day: string, text: string) {
    const texts = this.questions.get(day) ?? new Map<string, number>();
    if (texts.has(text) || texts.size < MAX_UNANSWERED_PER_DAY) texts.set(text, (texts.get(text) ?? 0) + 1);
    this.questions.set(day, texts);
  }
  async unanswered(days: string[]) {
    const all = new Map<string, number>();
    for (const day of days) sum(all, Object.fromEntries(this.questions.get(day) ?? []));
    return [...all].map(([text, count]) => ({ text, count }));
  }
  async rememberReminder(tid: string, conversation: string) {
    this.reminders.set(tid, conversation);
  }
  async takeReminder(tid: string) {
    const conversation = this.reminders.get(tid);
    this.reminders.delete(tid);
    return conversation;
  }
}

export class RedisInsightsStore implements InsightsStore {
  private readonly open: string;

  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
    /** Sessions outlive their idle time by far; this only bounds what a crashed sweep leaves. */
    private readonly sessionTtlSeconds: number,
  ) {
    this.open = `${prefix}insights:open`;
  }

  private sessionKey = (name: string) => taggedKey(this.prefix, 'insights:session', name);
  private dayKey = (day: string) => `${this.prefix}insights:day:${day}`;
  private questionsKey = (day: string) => `${this.prefix}insights:unanswered:${day}`;
  private reminderKey = (tid: string) => `${this.prefix}insights:reminded:${tid}`;

  async session(name: string) {
    const json = await this.redis.get(this.sessionKey(name));
    return json ? (JSON.parse(json) as Session) : undefined;
  }

  async saveSession(session: Session) {
    // Two keys in different Redis Cluster slots: two commands, sent together (one round trip on a
    // turn's path). A session without its entry in the open set would only be missed by the sweep
    // (and expire); an entry without its session is dropped by the sweep.
    await Promise.all([
      this.redis.set(this.sessionKey(session.name), JSON.stringify(session), 'EX', this.sessionTtlSeconds),
      this.redis.zadd(this.open, Date.parse(session.lastAt), session.name),
    ]);
  }

  async takeIdle(before: Date, limit: number) {
    const names = await this.redis.zrangebyscore(this.open, '-inf', `(${before.getTime()}`, 'LIMIT', 0, limit);
    const taken: Session[] = [];
    for (const name of names) {
      // ZREM answers 1 to one process only: that process records the outcome.
      if ((await this.redis.zrem(this.open, name)) !== 1) continue;
      const session = await this.session(name);
      await this.redis.del(this.sessionKey(name));
      if (session) taken.push(session);
    }
    return taken;
  }

  async count(day: string, counters: Record<string, number>) {
    const multi = this.redis.multi();
    for (const [field, n] of Object.entries(counters)) multi.hincrby(this.dayKey(day), field, n);
    await multi.expire(this.dayKey(day), DAY_TTL_SECONDS).exec();
  }

  async counters(days: string[]) {
    // One command per day: the days' keys may live on different Redis Cluster nodes.
    const hashes = await Promise.all(days.map((day) => this.redis.hgetall(this.dayKey(day))));
    return hashes.map((hash) => Object.fromEntries(Object.entries(hash).map(([field, n]) => [field, Number(n)])));
  }

  async addUnanswered(day: string, text: string) {
    const key = this.questionsKey(day);
    // A soft cap (check, then add): two processes may both add past it by one, which is harmless.
    if ((await this.redis.hexists(key, text)) === 0 && (await this.redis.hlen(key)) >= MAX_UNANSWERED_PER_DAY) return;
    await this.redis.multi().hincrby(key, text, 1).expire(key, DAY_TTL_SECONDS).exec();
  }

  async unanswered(days: string[]) {
    const all = new Map<string, number>();
    for (const day of days) sum(all, Object.fromEntries(Object.entries(await this.redis.hgetall(this.questionsKey(day))).map(([t, n]) => [t, Number(n)])));
    return [...all].map(([text, count]) => ({ text, count }));
  }

  async rememberReminder(tid: string, conversation: string) {
    await this.redis.set(this.reminderKey(tid), conversation, 'EX', REMINDER_TTL_SECONDS);
  }

  async takeReminder(tid: string) {
    return (await this.redis.getdel(this.reminderKey(tid))) ?? undefined;
  }
}
