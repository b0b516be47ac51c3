/**
 * What one turn asks of Redis, and what a conversation leaves in it.
 *
 * A Kefu process whose Redis connection goes through the counting proxy (redisProxy.ts) serves
 * whole conversations one turn at a time. For each turn: the commands Kefu sent and the round
 * trips it waited for, split into those while the request was open (its critical path) and those
 * in the 50 ms after the answer; and what Redis itself ran (INFO commandstats deltas, which also
 * count the commands inside Lua scripts). After turns 1, 5 and 20 of each conversation: every
 * key naming the conversation, with MEMORY USAGE.
 *
 * Background work that is not part of a turn is switched off in that process so it cannot land
 * in a turn's window: the follow-up worker (FOLLOW_UP_WORKER=false) and the handoff wait check.
 */
import { Redis } from 'ioredis';
import { CHANNEL_ID, activity } from './load.js';
import { BUYERS, CONVERSATION } from './messages.js';
import { CountingRedisProxy, keyKind, type SeenCommand } from './redisProxy.js';
import { errorLines, logLines, startKefuServer, type BenchServer } from './servers.js';

const PREFIX = 'kefu:';
export const CHECKPOINTS = [1, 5, 20] as const;
const SETTLE_MS = 50;

export interface TurnCounts {
  conversationTurn: number;
  duringCommands: SeenCommand[];
  duringRoundTrips: number;
  afterCommands: SeenCommand[];
  afterRoundTrips: number;
  /** What Redis ran over the turn and its settle time, by command (scripts' inner commands included). */
  executed: Map<string, number>;
}

export interface KeyFootprint {
  key: string;
  kind: string;
  type: string;
  bytes: number;
  ttlSeconds: number;
  /** For a state hash: the length of its JSON value, and the biggest parts of it. */
  json?: { bytes: number; parts: { path: string; bytes: number }[] };
}

export interface Footprint {
  conversation: string;
  buyer: string;
  turns: number;
  keys: KeyFootprint[];
}

export interface TurnProbe {
  turns: TurnCounts[];
  footprints: Footprint[];
  /** Keys that name the buyer rather than one conversation (buyer state, contact, …), after all turns. */
  buyerKeys: KeyFootprint[];
  /** Error lines Kefu logged during the probe (a failed turn still answers, with an apology). */
  errors: string[];
}

async function commandStats(redis: Redis): Promise<Map<string, number>> {
  const info = await redis.info('commandstats');
  const stats = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) stats.set(match[1]!, Number(match[2]));
  return stats;
}

function delta(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, calls] of after) {
    const d = calls - (before.get(name) ?? 0) - (name === 'info' ? 1 : 0); // our own INFO
    if (d > 0) out.set(name, d);
  }
  return out;
}

const kindOf = (key: string) => keyKind(key, PREFIX);

/** The JSON's biggest parts, two levels deep, as share of its length. */
function jsonParts(value: unknown): { path: string; bytes: number }[] {
  const parts: { path: string; bytes: number }[] = [];
  if (!value || typeof value !== 'object') return parts;
  for (const [key, child] of Object.entries(value)) {
    const bytes = Buffer.byteLength(JSON.stringify(child) ?? '');
    parts.push({ path: key, bytes });
    if (child && typeof child === 'object' && !Array.isArray(child))
      for (const [inner, grandchild] of Object.entries(child)) parts.push({ path: `${key}.${inner}`, bytes: Buffer.byteLength(JSON.stringify(grandchild) ?? '') });
  }
  return parts.sort((a, b) => b.bytes - a.bytes);
}

async function keysMatching(redis: Redis, pattern: string): Promise<KeyFootprint[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  const out: KeyFootprint[] = [];
  for (const key of keys.sort()) {
    const [type, bytes, ttl] = await Promise.all([redis.type(key), redis.memory('USAGE', key, 'SAMPLES', 0), redis.ttl(key)]);
    const footprint: KeyFootprint = { key, kind: kindOf(key), type, bytes: Number(bytes ?? 0), ttlSeconds: ttl };
    if (type === 'hash' && key.startsWith(`${PREFIX}state:`)) {
      const json = (await redis.hget(key, 'v')) ?? '';
      footprint.json = { bytes: Buffer.byteLength(json), parts: jsonParts(JSON.parse(json || '{}')).slice(0, 8) };
    }
    out.push(footprint);
  }
  return out;
}

/** Conversation ids that glob-match only themselves. */
const conversationId = (n: number) => `footprint-${n}-${process.pid}`;

async function say(kefu: BenchServer, serviceUrl: string, conversation: string, buyer: string, text: string, turn: number): Promise<void> {
  const res = await fetch(`${kefu.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity(serviceUrl, conversation, buyer, text, `${conversation}.${turn}`)),
  });
  if (res.status !== 200) throw new Error(`POST /api/messages → ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the probe against the Redis at `redisUrl` (its scripts are flushed first, so the proxy sees them loaded). */
export async function probeRedisTurns(redisUrl: string, serviceUrl: string): Promise<TurnProbe> {
  const target = new URL(redisUrl);
  const redis = new Redis(redisUrl);
  await redis.script('FLUSH');
  const proxy = new CountingRedisProxy({ host: target.hostname, port: Number(target.port) }, PREFIX);
  const proxyUrl = await proxy.listen();
  const kefu = await startKefuServer('kefu-probe', {
    REDIS_URL: proxyUrl,
    REDIS_KEY_PREFIX: PREFIX,
    FOLLOW_UP_WORKER: 'false',
    HANDOFF_WAIT_CHECK_MS: '3600000',
  });
  try {
    // A first conversation loads the Lua scripts and warms the code paths; not counted.
    for (const [t, text] of CONVERSATION.slice(0, 5).entries()) await say(kefu, serviceUrl, `warm-${process.pid}`, BUYERS[0], text, t);
    await pause(SETTLE_MS);
    proxy.take();

    const turns: TurnCounts[] = [];
    const footprints: Footprint[] = [];
    for (const [b, buyer] of BUYERS.entries()) {
      const conversation = conversationId(b);
      for (const [t, text] of CONVERSATION.entries()) {
        const before = await commandStats(redis);
        proxy.take();
        await say(kefu, serviceUrl, conversation, buyer, text, t);
        const during = proxy.take();
        await pause(SETTLE_MS);
        const after = proxy.take();
        const executed = delta(before, await commandStats(redis));
        turns.push({
          conversationTurn: t + 1,
          duringCommands: during.commands,
          duringRoundTrips: during.roundTrips,
          afterCommands: after.commands,
          afterRoundTrips: after.roundTrips,
          executed,
        });
        if ((CHECKPOINTS as readonly number[]).includes(t + 1))
          footprints.push({ conversation, buyer, turns: t + 1, keys: await keysMatching(redis, `*${CHANNEL_ID}/conversations/${conversation}/*`) });
      }
    }
    const buyerKeys = (await Promise.all(BUYERS.map((buyer) => keysMatching(redis, `*${buyer}*`)))).flat();
    return { turns, footprints, buyerKeys, errors: errorLines(logLines(kefu.logFile)) };
  } finally {
    await kefu.stop();
    await proxy.close();
    redis.disconnect();
  }
}
