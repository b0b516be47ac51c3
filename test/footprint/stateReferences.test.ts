/**
 * State holds references to a buyer's orders (tid, oid, skuId), never copies: no receiver's
 * name, mobile or address, and no trade or order line, in anything Kefu keeps in Redis. Every
 * flow F1–F16 and the pre-sales answers run here over HTTP as buyers type them (the cases of
 * test/dialogs/typedConversations.test.ts), and after every turn every key Kefu stored is read
 * back. Copies would outlive the order system's own access rules, by the state's TTL (7 days for
 * a conversation, 90 for a buyer), and go wherever state goes.
 *
 * The conversation log (`log:` keys) is left out: it is the transcript, the buyer's and the bot's
 * words as they were said, which agents read; it is bounded by TRANSCRIPT_MAX_ENTRIES.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTrades } from '../../bot/orders/demo/fixtures.js';
import { unescapeText } from '../../templates/escape.js';
import { say, startKefu, type RunningKefu } from '../support/kefu.js';
import { testRedis } from '../support/redis.js';
import { personalData, storedKeys, tradeShapes } from './storedKeys.js';

const { redis, prefix, url } = testRedis();
let kefu: RunningKefu;

beforeAll(async () => {
  kefu = await startKefu({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix });
});
afterAll(async () => {
  await kefu.stop(1000);
  await redis.quit();
});

const trades = demoTrades(new Date());
const PERSONAL = personalData(trades);
const isLog = (key: string) => key.startsWith(`${prefix}log:`);

// Demo orders of tb_buyer_001 (bot/orders/demo/fixtures.ts).
const COAT = '3289114476201230002'; // not shipped, overdue
const TEE = '3289114476201230004';
const SNEAKER = '3289114476201230005';
const LIPSTICK = '3289114476201230006';
const MUG = '3289114476201230007';
const TWO_LINES = '3289114476201230008';

/** [buyer, typed messages, what the last reply shows (the flow really ran)]. */
const conversations: Record<string, [buyer: string, typed: string[], lastReply: string]> = {
  'F1 催付': ['tb_buyer_001', ['拍了还没付 付款一直失败咋回事', '付不了'], '换个付款方式'],
  'pre-sales: courier, days, postage': ['tb_buyer_003', ['发什么快递 几天到北京', '包邮不亲'], '包邮'],
  'pre-sales: coupons, size, FAQ, catalogue': ['tb_buyer_003', ['有优惠券吗', '这件T恤 170 65kg穿什么码', '保温杯能泡茶吗', 'T恤是纯棉的吗'], '100%棉'],
  'pre-sales: an area not served, a courier by name': ['tb_buyer_003', ['能发到香港吗', '顺丰到杭州几天'], '顺丰速运'],
  'F4 refund before shipping': ['tb_buyer_001', ['鞋子还没发 不想要了 退款', '待发货的运动鞋', '不要了', '不用了'], '¥469.00'],
  'F5 return after delivery': ['tb_buyer_001', [`${TEE} 衣服不喜欢想退`, '不喜欢', '不要补偿 退吧'], '退货地址'],
  'F6 exchange': ['tb_buyer_001', ['我想换货', TEE, 'xl', '没穿过'], '可以换成「白色 / XL」'],
  'F7 urge shipping': ['tb_buyer_001', ['咋还不发货啊 都三天了', '大衣'], '超过了72小时'],
  'F8 modify the address': ['tb_buyer_001', ['地址填错了要改', '大衣那单', '改成上海市浦东新区世纪大道1号 李四'], '修改要求已经记下'],
  'F9 invoice': ['tb_buyer_001', [`${MUG} 要开票`, '专票', '杭州小满科技有限公司', '91330100MA2ABCDE1X'], '增值税专用发票'],
  'F10 logistics': ['tb_buyer_001', ['我的快递到哪了', LIPSTICK, '太慢了'], '正常时效内'],
  'F10 signed, not received': ['tb_buyer_001', ['显示签收了但是我没收到', TEE, '问过了没有'], '人工客服'],
  'F11 missing item': ['tb_buyer_001', ['收到了但是少了一件 能退吗', TWO_LINES, '少发', '等会拍', '好 补发吧'], '3个工作日内发出'],
  'F12 quality': ['tb_buyer_001', [`${SNEAKER} 鞋底开胶了`, '发了', '影响', '退货'], '寄回的运费由我们承担'],
  'F13 compensation': ['tb_buyer_001', [`${TEE} 衣服有个小洞`, '发了', '还能穿 小问题', '赔我50块吧'], '客服主管'],
  'F14 authenticity': ['tb_buyer_003', ['假的吧', '我要鉴定'], '人工客服'],
  'F15 complaint': ['tb_buyer_003', ['我要投诉你们', '还没', '客服态度差 东西也不行'], '人工客服'],
  'F16 review': ['tb_buyer_003', ['给了个差评', '差评', '质量太差了'], '人工客服'],
  'an order number alone, then another flow': ['tb_buyer_001', [TEE, '想退', '算了', `${COAT} 咋还不发货`], '超过了72小时'],
};

describe('what Kefu keeps holds references to orders, not copies', () => {
  it('the check knows what to look for', () => {
    expect(PERSONAL.length).toBeGreaterThanOrEqual(4);
    // A stored trade is caught, a reference is not.
    expect(tradeShapes(JSON.stringify({ v: JSON.stringify({ order: trades[0] }) }), trades[0]!)).toEqual(['.v(json).order']);
    expect(tradeShapes(JSON.stringify({ tid: TEE, oid: 'o1', skuId: 'tee_white_m' }), trades[0]!)).toEqual([]);
  });

  it.each(Object.entries(conversations))('%s', async (name, [buyer, typed, lastReply]) => {
    const id = `footprint-${name}`;
    let reply = '';
    for (const text of typed) {
      reply = (await say(kefu.url, id, text, buyer)).map((a) => unescapeText(a.text ?? '')).join('\n');
      for (const { key, values } of await storedKeys(redis, prefix, isLog)) {
        for (const value of values) {
          const copied = PERSONAL.filter((p) => value.includes(p));
          expect(copied, `${key} after "${text}" holds a receiver's details`).toEqual([]);
          expect(tradeShapes(value, trades[0]!), `${key} after "${text}" holds a trade or order line at`).toEqual([]);
        }
      }
    }
    expect(reply).toContain(lastReply);
  });
});
