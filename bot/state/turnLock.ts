/**
 * One turn at a time per conversation.
 *
 * Inside a process, turns for the same conversation queue up in arrival order (a promise chain
 * per key). Across processes, the head of each local queue also takes a Redis lease
 * (SET NX PX with a random token, released by compare-and-delete, renewed while the turn runs),
 * so two processes sharing one Redis never run the same conversation's turns concurrently.
 * A process that dies holding the lease stops renewing it and the lease expires after ttlMs.
 *
 * Hand-written because the Redis lock packages on npm (redlock and forks) are multi-node
 * Redlock implementations that have been in beta or unmaintained for years; this is the
 * single-Redis lease pattern from the Redis documentation in ~60 lines.
 */
import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { taggedKey } from './redisKeys.js';
import { within } from './within.js';

export interface TurnLock {
  runExclusive<T>(name: string, turn: () => Promise<T>): Promise<T>;
}

export class TurnLockTimeoutError extends Error {
  override name = 'TurnLockTimeoutError';
}

/**
 * FIFO per key inside this process. A turn that waits longer than `waitMs` for the ones ahead of
 * it gives up with TurnLockTimeoutError (the same limit the Redis lease has across processes);
 * the turns queued behind it still wait for the ones ahead, never run beside them.
 */
export class LocalTurnLock implements TurnLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly waitMs: number) {}

  async runExclusive<T>(name: string, turn: () => Promise<T>): Promise<T> {
    const ahead = this.tails.get(name) ?? Promise.resolve();
    const mine = within(
      ahead.catch(() => undefined),
      this.waitMs,
      () => new TurnLockTimeoutError(`conversation busy: the previous turn did not finish within ${this.waitMs} ms`),
    ).then(turn);
    const tail = Promise.allSettled([ahead, mine]);
    this.tails.set(name, tail);
    try {
      return await mine;
    } finally {
      // Forget the key once nobody queued behind us, so the map does not grow forever.
      void tail.then(() => {
        if (this.tails.get(name) === tail) this.tails.delete(name);
      });
    }
  }
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

type LeaseRedis = (Redis | Cluster) & {
  kefuLeaseRelease(key: string, token: string): Promise<number>;
  kefuLeaseRenew(key: string, token: string, ttlMs: number): Promise<number>;
};

export interface RedisTurnLockOptions {
  prefix: string;
  /** Lease length; renewed every ttlMs/3 while the turn runs. */
  ttlMs: number;
  /** How long a turn may wait for the lease before giving up with TurnLockTimeoutError. */
  waitMs: number;
}

export class RedisTurnLock implements TurnLock {
  private readonly local: LocalTurnLock;
  private readonly redis: LeaseRedis;

  constructor(
    redis: Redis | Cluster,
    private readonly options: RedisTurnLockOptions,
  ) {
    if (!('kefuLeaseRelease' in redis)) {
      redis.defineCommand('kefuLeaseRelease', { numberOfKeys: 1, lua: RELEASE });
      redis.defineCommand('kefuLeaseRenew', { numberOfKeys: 1, lua: RENEW });
    }
    this.redis = redis as LeaseRedis;
    this.local = new LocalTurnLock(options.waitMs);
  }

  runExclusive<T>(name: string, turn: () => Promise<T>): Promise<T> {
    return this.local.runExclusive(name, () => this.withLease(taggedKey(this.options.prefix, 'lock', name), turn));
  }

  private async withLease<T>(key: string, turn: () => Promise<T>): Promise<T> {
    const token = randomUUID();
    await this.acquire(key, token);
    const renewal = setInterval(() => {
      this.redis.kefuLeaseRenew(key, token, this.options.ttlMs).catch(() => undefined);
    }, Math.max(10, Math.floor(this.options.ttlMs / 3)));
    try {
      return await turn();
    } finally {
      clearInterval(renewal);
      // The turn is done whatever happens here: a release that fails (Redis away) must not turn
      // its outcome into an error; the lease then simply expires after ttlMs.
      await this.redis.kefuLeaseRelease(key, token).catch(() => undefined);
    }
  }

  private async acquire(key: string, token: string): Promise<void> {
    const giveUpAt = Date.now() + this.options.waitMs;
    for (let attempt = 0; ; attempt++) {
      if ((await this.redis.set(key, token, 'PX', this.options.ttlMs, 'NX')) === 'OK') return;
      if (Date.now() >= giveUpAt) throw new TurnLockTimeoutError(`conversation busy: lease ${key} not free within ${this.options.waitMs} ms`);
      // Short, jittered, growing pauses: turns take tens of milliseconds.
      const pause = Math.min(100, 5 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
