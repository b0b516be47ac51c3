/**
 * A conversation's state stays bounded however much the buyer hops between topics: order records
 * are references (bot/orders/orderReferences.ts) and only the latest flow set aside is kept for
 * the way back, for a while (dialogs/pausedFlows.ts). Bound: STATE_BOUND_BYTES of state JSON after
 * every turn of 20, in Redis as Kefu stores it; docs/bench.md has the sizes measured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAUSED_FOR_MS } from '../../dialogs/pausedFlows.js';
import { unescapeText } from '../../templates/escape.js';
import { say, startKefu, type RunningKefu } from '../support/kefu.js';
import { testRedis } from '../support/redis.js';

/**
 * Conversation state, JSON bytes, at any turn. Most of it is the pending question as botbuilder's
 * prompt keeps it (the order picker's cards, buttons and typed-answer words: about 7 KB for six
 * orders); the flow set aside for the way back adds its own copy of that.
 */
const STATE_BOUND_BYTES = 10_240;

const { redis, prefix, url } = testRedis();
let kefu: RunningKefu;
/** The bot's clock runs this far ahead of the real one. */
let aheadMs = 0;

beforeAll(async () => {
  kefu = await startKefu({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix }, { clock: () => new Date(Date.now() + aheadMs) });
});
afterAll(async () => {
  await kefu.stop(1000);
  await redis.quit();
});

const TEE = '3289114476201230004'; // signed 2 days ago
const LIPSTICK = '3289114476201230006'; // shipped, not signed
const MUG = '3289114476201230007'; // 交易成功

/** 20 messages of tb_buyer_001, each [typed, what the reply shows]: flows begun, interrupted, resumed. */
const HOPPING: [typed: string, shows: string][] = [
  ['我想换货', '哪一笔订单'],
  [TEE, '可以换成下面这些'],
  ['发什么快递', '默认发申通快递'],
  [`${LIPSTICK} 查下物流`, '申通快递'],
  ['太慢了', '刚才的「换货」还没办完'],
  ['继续', '接着办「换货」'],
  ['L', '吊牌'],
  [`${MUG} 要开票`, '哪种发票'],
  ['咋还不发货啊', '哪一笔订单'],
  // The exchange, set aside first, is no longer offered: the invoice, set aside last, is.
  ['大衣', '刚才的「开发票」还没办完'],
  ['继续开发票', '接着办「开发票」'],
  ['普票', '发票抬头'],
  ['个人', '税号'],
  ['无', '抬头「个人」'],
  ['衣服开线了', '哪一笔订单'],
  [TEE, '照片'],
  ['我的快递到哪了', '哪一笔订单'],
  [LIPSTICK, '申通快递'],
  ['太慢了', '刚才的「质量问题」还没办完'],
  ['继续', '接着办「质量问题」'],
];

async function stateBytes(conversationId: string): Promise<number> {
  const [key] = await redis.keys(`${prefix}state:{test/conversations/${conversationId}/}`);
  return Buffer.byteLength((await redis.hget(key!, 'v')) ?? '');
}

const replyText = async (id: string, typed: string) => (await say(kefu.url, id, typed, 'tb_buyer_001')).map((a) => unescapeText(a.text ?? '')).join('\n');

describe('conversation state after 20 turns of hopping between topics', () => {
  it(`stays under ${STATE_BOUND_BYTES} bytes, and the way back leads to the latest flow set aside`, async () => {
    const id = 'hopping-20';
    for (const [typed, shows] of HOPPING) {
      expect(await replyText(id, typed), `reply to "${typed}"`).toContain(shows);
      expect(await stateBytes(id), `state after "${typed}"`).toBeLessThanOrEqual(STATE_BOUND_BYTES);
    }
  });

  it('a flow set aside long ago is no longer offered: "继续换货" then starts a new exchange', async () => {
    const id = 'hopping-later';
    for (const [typed, shows] of HOPPING.slice(0, 5)) expect(await replyText(id, typed), `reply to "${typed}"`).toContain(shows);
    aheadMs += PAUSED_FOR_MS + 60_000;
    try {
      const later = await replyText(id, '继续换货');
      expect(later).not.toContain('接着办「换货」');
      expect(later).toContain('哪一笔订单');
    } finally {
      aheadMs = 0;
    }
  });
});
