/**
 * Work for the shop's agents that the bot cannot do itself, e.g. a 催付 reminder for a buyer
 * the bot has never chatted with (it goes out by SMS or phone, with a suggested script).
 */
import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

export interface AgentTask {
  id: string;
  kind: 'unpaid_reminder_call';
  tid: string;
  buyerId: string;
  /** A suggested SMS/phone script, rendered from templates. */
  script: string;
  createdAt: string;
}

export interface AgentTasks {
  add(task: Omit<AgentTask, 'id' | 'createdAt'>, now: Date): Promise<AgentTask>;
  /** Newest first. */
  list(limit: number): Promise<AgentTask[]>;
}

/** The list keeps the newest tasks only; older ones have long been handled or are moot. */
const MAX_TASKS = 1000;

export class RedisAgentTasks implements AgentTasks {
  private readonly key: string;

  constructor(
    private readonly redis: Redis | Cluster,
    prefix: string,
  ) {
    this.key = `${prefix}agent-tasks`;
  }

  async add(task: Omit<AgentTask, 'id' | 'createdAt'>, now: Date): Promise<AgentTask> {
    const full: AgentTask = { id: randomUUID(), createdAt: now.toISOString(), ...task };
    await this.redis.multi().lpush(this.key, JSON.stringify(full)).ltrim(this.key, 0, MAX_TASKS - 1).exec();
    return full;
  }

  async list(limit: number): Promise<AgentTask[]> {
    const raw = await this.redis.lrange(this.key, 0, limit - 1);
    return raw.map((r) => JSON.parse(r) as AgentTask);
  }
}
