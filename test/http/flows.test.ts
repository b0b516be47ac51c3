import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unescapeText } from '../../templates/escape.js';
import { say, startKefu, type RunningKefu } from '../support/kefu.js';
import { testRedis } from '../support/redis.js';

const { redis, prefix, url } = testRedis();
let kefu: RunningKefu;

beforeAll(async () => {
  kefu = await startKefu({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix });
});
afterAll(async () => {
  await kefu.stop(1000);
  await redis.quit();
});

const text = (replies: Partial<Activity>[]) => replies.map((r) => unescapeText(r.text ?? '')).join('\n');
const buttons = (replies: Partial<Activity>[]) => replies.flatMap((r) => r.suggestedActions?.actions.map((a) => String(a.title)) ?? []);

/** A conversation over POST /api/messages (expectReplies), state in Redis between turns. */
function conversation(id: string, buyer = 'tb_buyer_001') {
  let last: Partial<Activity>[] = [];
  return {
    async say(message: string) {
      last = await say(kefu.url, id, message, buyer);
      return text(last);
    },
    async click(part: string) {
      const label = buttons(last).find((b) => b.includes(part));
      if (!label) throw new Error(`no button "${part}" in ${JSON.stringify(buttons(last))}`);
      return this.say(label);
    },
    buttons: () => buttons(last),
  };
}

describe('conversations over HTTP with state in Redis', () => {
  it('a full exchange that is allowed', async () => {
    const c = conversation('http-exchange-ok');
    expect(await c.say('我想换货')).toContain('哪一笔订单');
    await c.click('小满纯棉圆领T恤 · 已发货');
    expect(c.buttons()).toContain('白色 / L');
    await c.click('白色 / L');
    const decision = await c.click('吊牌包装都在');
    expect(decision).toContain('可以换成「白色 / L」');
    expect(decision).toContain('换货申请超时自动同意');
  });

  it('an exchange refused for price', async () => {
    const c = conversation('http-exchange-price');
    const reply = await c.say('订单3289114476201230004 换成XXL');
    expect(reply).toContain('价格不一样');
  });

  it('a refund before shipping with the overdue compensation', async () => {
    const c = conversation('http-refund-overdue');
    await c.say('3289114476201230002 我要申请退款');
    const reply = await c.click('未按约定时间发货');
    expect(reply).toContain('仅退款');
    expect(reply).toContain('¥500.00的赔付（以天猫积分形式发放）');
  });

  it('a 小二 escalation: evidence checklist and a person takes over', async () => {
    const c = conversation('http-xiaoer');
    await c.say('我要申请小二介入');
    await c.click('已经投诉');
    const reply = await c.say('东西坏了你们一直不处理');
    expect(reply).toContain('平台小二介入');
    expect(reply).toContain('聊天记录');
    expect(reply).toContain('人工客服');
  });
});

describe('the order system is down', () => {
  it('answers politely and offers a person, never crashes the turn', async () => {
    const broken = await startKefu({ ORDER_API_URL: 'http://127.0.0.1:1/orders', ORDER_API_RETRIES: '0' });
    try {
      const replies = await say(broken.url, 'http-orders-down', '我要换货', 'tb_buyer_001');
      expect(text(replies)).toContain('订单系统这会儿有点忙');
      expect(buttons(replies)).toContain('转人工');
      const greeting = await say(broken.url, 'http-orders-down-2', '你好', 'tb_buyer_001');
      expect(text(greeting)).toContain('欢迎光临'); // the unpaid-order check after a greeting just skips
    } finally {
      await broken.stop(200);
    }
  });
});
