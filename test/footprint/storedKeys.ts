/**
 * What Kefu keeps in Redis, read back whole: every key under a prefix with its value, whatever its
 * type, and the ways a stored value can hold more of a buyer's order than references to it.
 */
import type { Redis } from 'ioredis';
import type { Trade } from '../../bot/orders/contract.js';

export interface StoredKey {
  key: string;
  /** Every string the key holds (list entries, hash fields and values, members…), as stored. */
  values: string[];
}

async function valuesOf(redis: Redis, key: string): Promise<string[]> {
  switch (await redis.type(key)) {
    case 'string':
      return [(await redis.get(key)) ?? ''];
    case 'hash':
      return Object.entries(await redis.hgetall(key)).flat();
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'set':
      return redis.smembers(key);
    case 'zset':
      return redis.zrange(key, 0, -1);
    case 'stream':
      return (await redis.xrange(key, '-', '+')).flatMap(([, fields]) => fields);
    default:
      return [];
  }
}

/** Every key under `prefix` with its values, except those `skip` names. */
export async function storedKeys(redis: Redis, prefix: string, skip: (key: string) => boolean = () => false): Promise<StoredKey[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return Promise.all(keys.filter((key) => !skip(key)).map(async (key) => ({ key, values: await valuesOf(redis, key) })));
}

/** The receivers' names, mobiles and addresses of these trades: what must never be copied into state. */
export function personalData(trades: Trade[]): string[] {
  const found = trades.flatMap(({ receiver: r }) => [r.name, r.mobile, r.address, `${r.state}${r.city}${r.district}`]);
  return [...new Set(found)];
}

/** JSON inside JSON (botbuilder state is a JSON string in a hash field) is read as well. */
function parsed(value: string): unknown {
  try {
    const inner: unknown = JSON.parse(value);
    return typeof inner === 'object' && inner !== null ? inner : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Paths of the objects that look like a trade or one of its order lines: sharing more than half of
 * that shape's fields. References ({tid}, {tid, oid, skuId}) share far fewer.
 */
export function tradeShapes(value: string, trade: Trade): string[] {
  const shapes = [Object.keys(trade), Object.keys(trade.orders[0]!)];
  const found: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (typeof node === 'string') {
      const inner = parsed(node);
      if (inner) walk(inner, `${path}(json)`);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const keys = Object.keys(node);
    if (!Array.isArray(node) && shapes.some((shape) => shape.filter((k) => keys.includes(k)).length * 2 > shape.length)) return void found.push(path || '.');
    for (const [k, child] of Object.entries(node)) walk(child, `${path}.${k}`);
  };
  walk(parsed(value), '');
  return found;
}
