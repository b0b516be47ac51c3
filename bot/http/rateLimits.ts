/**
 * Rate limits per buyer, per buyer token and per network address, shared by every process through
 * Redis (rate-limiter-flexible). While Redis is down each process falls back to limits of its own
 * (the library's insurance limiter), so an outage neither lifts the limits nor blocks buyers.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Cluster, Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { sendError } from './errors.js';

export interface RateLimitSettings {
  /** Requests per minute from one network address, on the buyer-facing endpoints. */
  addressPerMinute: number;
  /** Messages per minute from one buyer. */
  buyerMessagesPerMinute: number;
  /** Conversations one buyer token may start per hour (web chat). */
  buyerConversationsPerHour: number;
}

export interface RateLimits {
  address: RateLimiterAbstract;
  buyerMessages: RateLimiterAbstract;
  buyerConversations: RateLimiterAbstract;
}

export function createRateLimits(settings: RateLimitSettings, redis: Redis | Cluster | undefined, prefix: string): RateLimits {
  const limiter = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: name, points, duration });
    if (!redis) return memory;
    return new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}ratelimit:${name}`, points, duration, insuranceLimiter: memory });
  };
  return {
    address: limiter('address', settings.addressPerMinute, 60),
    buyerMessages: limiter('buyer', settings.buyerMessagesPerMinute, 60),
    buyerConversations: limiter('conversations', settings.buyerConversationsPerHour, 3600),
  };
}

/**
 * Takes one point from `key`'s budget; false (and the response sent: 429 with Retry-After) when
 * the budget is spent.
 */
export async function withinLimit(limiter: RateLimiterAbstract, key: string, res: Response): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (outcome) {
    if (!(outcome instanceof RateLimiterRes)) throw outcome;
    res.set('Retry-After', String(Math.max(1, Math.ceil(outcome.msBeforeNext / 1000))));
    sendError(res, 429, 'rate_limited', 'too many requests; try again later');
    return false;
  }
}

/** Express middleware: a budget per key (e.g. the caller's address); requests without a key pass. */
export function limitBy(limiter: RateLimiterAbstract, keyOf: (req: Request, res: Response) => string | undefined) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const key = keyOf(req, res);
    if (key === undefined || (await withinLimit(limiter, key, res))) next();
  };
}
