/**
 * The conversation log, in memory and in (real) Redis: bounded to the newest entries with
 * positions that keep counting, `since` reading from a watermark, ids the same wherever an
 * activity is seen, and appends racing from two processes.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MemoryConversationLog,
  RedisConversationLog,
  type Appended,
  type ConversationId,
  type ConversationLog,
} from '../../bot/transcripts/conversationLog.js';
import { testRedis } from '../support/redis.js';

const { redis, prefix, url } = testRedis();
const opened: ConversationLog[] = [];
const extraClients: Redis[] = [];
afterAll(async () => {
  await Promise.all(opened.map((log) => log.close()));
  await Promise.all([redis, ...extraClients].map((client) => client.quit()));
});

const CAP = 5;
const open = <T extends ConversationLog>(log: T): T => {
  opened.push(log);
  return log;
};
const kinds = {
  memory: (cap: number) => open(new MemoryConversationLog(cap)),
  redis: (cap: number, client: Redis = redis) => open(new RedisConversationLog(client, prefix, 60, cap)),
};

const conversation = (): ConversationId => ({ channelId: 'webchat', conversationId: `c-${randomUUID()}` });
const message = (text: string) => ({ type: 'message', text });
const idAt = (where: ConversationId, position: number) => `${where.conversationId}|${String(position).padStart(7, '0')}`;

/** Resolves once the log hears its own announcements (a Redis log subscribes as it starts). */
async function untilListening(log: ConversationLog, where: ConversationId): Promise<void> {
  let heard = false;
  const stop = log.onAppend((appended) => {
    if (appended.conversationId === where.conversationId) heard = true;
  });
  while (!heard) {
    await log.announce(where, { type: 'typing' });
    await new Promise((r) => setTimeout(r, 20));
  }
  stop();
}

describe.each(Object.entries(kinds))('%s conversation log', (_kind, create) => {
  it(`keeps the newest ${CAP} entries; positions keep counting and since() stays right across the cap`, async () => {
    const log = create(CAP);
    const where = conversation();
    for (let i = 0; i < 8; i++) await log.append(where, message(`m${i}`));
    const texts = async (watermark: number) => {
      const read = await log.since(where, watermark);
      return { texts: read.activities.map((a) => a.text), watermark: read.watermark };
    };
    expect(await texts(0)).toEqual({ texts: ['m3', 'm4', 'm5', 'm6', 'm7'], watermark: 8 });
    expect(await texts(6)).toEqual({ texts: ['m6', 'm7'], watermark: 8 });
    // A client that fell behind the cap gets what is kept, then carries on.
    expect(await texts(1)).toEqual({ texts: ['m3', 'm4', 'm5', 'm6', 'm7'], watermark: 8 });
    expect(await texts(8)).toEqual({ texts: [], watermark: 8 });
    await log.append(where, message('m8'));
    expect(await texts(8)).toEqual({ texts: ['m8'], watermark: 9 });
    expect((await log.since(where, 0)).activities.map((a) => a.id)).toEqual([4, 5, 6, 7, 8].map((p) => idAt(where, p)));
  });

  it('gives an activity the same id in the append, the live announcement and every read; keeps a channel id', async () => {
    const log = create(CAP);
    const where = conversation();
    await untilListening(log, where);
    const live: Appended[] = [];
    log.onAppend((appended) => appended.conversationId === where.conversationId && !appended.transient && live.push(appended));
    const generated = await log.append(where, message('你好'));
    const own = await log.append(where, { ...message('在吗'), id: 'channel-id-1' });
    expect([generated.id, own.id]).toEqual([idAt(where, 0), 'channel-id-1']);
    expect((await log.since(where, 0)).activities.map((a) => a.id)).toEqual([generated.id, own.id]);
    await expect.poll(() => live.map((a) => [a.activity.id, a.watermark])).toEqual([
      [generated.id, 1],
      [own.id, 2],
    ]);
  });

  it('reads from the start for a watermark that is not a number', async () => {
    const log = create(CAP);
    const where = conversation();
    await log.append(where, message('你好'));
    expect((await log.since(where, Number('abc'))).activities.map((a) => a.text)).toEqual(['你好']);
    expect((await log.since(where, -3)).watermark).toBe(1);
  });
});

describe('Redis conversation log, two processes', () => {
  it('appends racing from two processes get distinct, gap-free positions; a reader polling since() sees each once, in order', async () => {
    const [a, b] = [new Redis(url), new Redis(url)];
    extraClients.push(a, b);
    const [one, two, reader] = [kinds.redis(1000, a), kinds.redis(1000, b), kinds.redis(1000)];
    const where = conversation();
    const PER_PROCESS = 400;
    const writer = async (log: ConversationLog, name: string) => {
      const appended = [];
      for (let i = 0; i < PER_PROCESS; i++) appended.push(await log.append(where, message(`${name}${i}`)));
      return appended;
    };
    const seen: string[] = [];
    let watermark = 0;
    const poll = async () => {
      const read = await reader.since(where, watermark);
      seen.push(...read.activities.map((activity) => activity.id!));
      watermark = read.watermark;
    };
    let writing = true;
    const appended = Promise.all([writer(one, 'a'), writer(two, 'b')]).finally(() => (writing = false));
    while (writing) await poll();
    await poll();

    const all = Array.from({ length: 2 * PER_PROCESS }, (_, position) => idAt(where, position));
    expect(seen).toEqual(all);
    expect((await appended).flat().map((activity) => activity.id).sort()).toEqual(all);
  });
});
