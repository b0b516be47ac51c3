/**
 * Conversations handed to people: one open case per conversation, queued until an agent takes it
 * (atomically: two agents cannot take the same one), then resolved or given back to the bot.
 * Redis (shared by all processes; cases expire with the conversation) or memory (embedded mode).
 */
import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { PriorityFactor } from '../../knowledge/policy/handoffPriority.js';
import type { Rung } from '../../knowledge/policy/escalation.js';
import type { BuyerReference } from '../proactive/buyerContacts.js';
import type { ConversationId } from '../transcripts/conversationLog.js';
import { conversationStateName } from '../state/redisKeys.js';

export type HandoffStatus = 'queued' | 'assigned' | 'resolved' | 'returned';

export interface HandoffCase extends ConversationId {
  id: string;
  buyerId: string;
  reference: BuyerReference;
  rung: Exclude<Rung, 'bot'>;
  reasons: string[];
  flow: string;
  tid?: string;
  /** For the agent: what the buyer wants, what was offered. */
  summary: string;
  ruleIds: string[];
  priority: number;
  priorityFactors: PriorityFactor[];
  /** For 小二 cases: the evidence the seeds name, to collect before filing. */
  evidence: string[];
  queuedAt: string;
  status: HandoffStatus;
  agentId?: string;
  assignedAt?: string;
  /** The buyer was told no one was free within the shop's wait. */
  waitNoticeSent?: boolean;
}

export type NewCase = Omit<HandoffCase, 'id' | 'status' | 'queuedAt' | 'agentId' | 'assignedAt' | 'waitNoticeSent'>;
export type ClaimResult = { ok: true; handoff: HandoffCase } | { ok: false; reason: 'not_found' | 'taken' };

export interface HandoffStore {
  /** Opens a case, or returns the conversation's case already open (created: false). */
  open(entry: NewCase, now: Date): Promise<{ handoff: HandoffCase; created: boolean }>;
  get(id: string): Promise<HandoffCase | undefined>;
  /** The open (queued or assigned) case of a conversation. */
  active(where: ConversationId): Promise<HandoffCase | undefined>;
  /** Open cases, highest priority first, then longest waiting. */
  list(): Promise<HandoffCase[]>;
  claim(id: string, agentId: string, now: Date): Promise<ClaimResult>;
  close(id: string, status: 'resolved' | 'returned'): Promise<HandoffCase | undefined>;
  /** Marks the wait notice as sent; true only for the one caller that marked it. */
  markWaitNotice(id: string): Promise<boolean>;
}

const isOpen = (c: HandoffCase | undefined): c is HandoffCase => c !== undefined && (c.status === 'queued' || c.status === 'assigned');
const byUrgency = (a: HandoffCase, b: HandoffCase) => b.priority - a.priority || a.queuedAt.localeCompare(b.queuedAt);

/** Status fields live beside the case in a hash, so claiming needs no JSON in Lua. */
const CLAIM = `
if redis.call('HGET', KEYS[1], 'status') ~= 'queued' then
  if redis.call('EXISTS', KEYS[1]) == 0 then return 'not_found' end
  return 'taken'
end
redis.call('HSET', KEYS[1], 'status', 'assigned', 'agentId', ARGV[1], 'assignedAt', ARGV[2])
return 'ok'`;

/**
 * Every handoff key shares one hash tag, so opening and closing a case (which touch the case,
 * the conversation's pointer and the open set together) stay single-slot on Redis Cluster.
 * Handoffs are few next to turns, so one slot is no bottleneck.
 */
export class RedisHandoffStore implements HandoffStore {
  private readonly base: string;

  constructor(
    private readonly redis: Redis | Cluster,
    prefix: string,
    private readonly ttlSeconds: number,
  ) {
    this.base = `${prefix}{handoffs}`;
  }

  private get openSet() {
    return `${this.base}:open`;
  }

  private caseKey(id: string) {
    return `${this.base}:case:${id}`;
  }

  private conversationKey(where: ConversationId) {
    return `${this.base}:of:${conversationStateName(where.channelId, where.conversationId)}`;
  }

  async open(entry: NewCase, now: Date): Promise<{ handoff: HandoffCase; created: boolean }> {
    const existing = await this.active(entry);
    if (existing) return { handoff: existing, created: false };
    const handoff: HandoffCase = { ...entry, id: randomUUID(), status: 'queued', queuedAt: now.toISOString() };
    const key = this.caseKey(handoff.id);
    await this.redis
      .multi()
      .hset(key, { data: JSON.stringify(handoff), status: 'queued' })
      .expire(key, this.ttlSeconds)
      .set(this.conversationKey(entry), handoff.id, 'EX', this.ttlSeconds)
      .zadd(this.openSet, now.getTime(), handoff.id)
      .exec();
    return { handoff, created: true };
  }

  async get(id: string): Promise<HandoffCase | undefined> {
    const fields = await this.redis.hgetall(this.caseKey(id));
    if (!fields.data) return undefined;
    const handoff = JSON.parse(fields.data) as HandoffCase;
    return {
      ...handoff,
      status: fields.status as HandoffStatus,
      agentId: fields.agentId || undefined,
      assignedAt: fields.assignedAt || undefined,
      waitNoticeSent: fields.waitNotice === '1',
    };
  }

  async active(where: ConversationId): Promise<HandoffCase | undefined> {
    const id = await this.redis.get(this.conversationKey(where));
    const handoff = id ? await this.get(id) : undefined;
    return isOpen(handoff) ? handoff : undefined;
  }

  async list(): Promise<HandoffCase[]> {
    const ids = await this.redis.zrange(this.openSet, 0, -1);
    const cases = await Promise.all(ids.map((id) => this.get(id)));
    const gone = ids.filter((_, i) => !isOpen(cases[i]));
    if (gone.length) await this.redis.zrem(this.openSet, ...gone);
    return cases.filter(isOpen).sort(byUrgency);
  }

  async claim(id: string, agentId: string, now: Date): Promise<ClaimResult> {
    const outcome = (await this.redis.eval(CLAIM, 1, this.caseKey(id), agentId, now.toISOString())) as 'ok' | 'taken' | 'not_found';
    if (outcome !== 'ok') return { ok: false, reason: outcome };
    return { ok: true, handoff: (await this.get(id))! };
  }

  async close(id: string, status: 'resolved' | 'returned'): Promise<HandoffCase | undefined> {
    const handoff = await this.get(id);
    if (!isOpen(handoff)) return undefined;
    await this.redis.multi().hset(this.caseKey(id), 'status', status).zrem(this.openSet, id).del(this.conversationKey(handoff)).exec();
    return { ...handoff, status };
  }

  async markWaitNotice(id: string): Promise<boolean> {
    return (await this.redis.hsetnx(this.caseKey(id), 'waitNotice', '1')) === 1;
  }
}

export class MemoryHandoffStore implements HandoffStore {
  private readonly cases = new Map<string, HandoffCase>();

  async open(entry: NewCase, now: Date): Promise<{ handoff: HandoffCase; created: boolean }> {
    const existing = await this.active(entry);
    if (existing) return { handoff: existing, created: false };
    const handoff: HandoffCase = { ...entry, id: randomUUID(), status: 'queued', queuedAt: now.toISOString() };
    this.cases.set(handoff.id, handoff);
    return { handoff: { ...handoff }, created: true };
  }

  async get(id: string): Promise<HandoffCase | undefined> {
    const handoff = this.cases.get(id);
    return handoff && { ...handoff };
  }

  async active(where: ConversationId): Promise<HandoffCase | undefined> {
    return [...this.cases.values()].find((c) => isOpen(c) && c.channelId === where.channelId && c.conversationId === where.conversationId);
  }

  async list(): Promise<HandoffCase[]> {
    return [...this.cases.values()].filter(isOpen).sort(byUrgency);
  }

  async claim(id: string, agentId: string, now: Date): Promise<ClaimResult> {
    const handoff = this.cases.get(id);
    if (!handoff) return { ok: false, reason: 'not_found' };
    if (handoff.status !== 'queued') return { ok: false, reason: 'taken' };
    Object.assign(handoff, { status: 'assigned', agentId, assignedAt: now.toISOString() });
    return { ok: true, handoff: { ...handoff } };
  }

  async close(id: string, status: 'resolved' | 'returned'): Promise<HandoffCase | undefined> {
    const handoff = this.cases.get(id);
    if (!isOpen(handoff)) return undefined;
    handoff.status = status;
    return { ...handoff };
  }

  async markWaitNotice(id: string): Promise<boolean> {
    const handoff = this.cases.get(id);
    if (!handoff || handoff.waitNoticeSent) return false;
    handoff.waitNoticeSent = true;
    return true;
  }
}
