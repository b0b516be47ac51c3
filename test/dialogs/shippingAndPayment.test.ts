import { describe, expect, it } from 'vitest';
import { chat, testKefu } from '../support/transcript.js';

const COAT_OVERDUE = '3289114476201230002';
const SNEAKER_PAID_10H = '3289114476201230003';
const LIPSTICK_SHIPPED = '3289114476201230006';
const TAOBAO_OVERDUE = '3289114476201230021';

describe('F7 urge shipment', () => {
  it('overdue on Tmall: apology, the shop gift, ¥500 capped compensation, supervisor told (R15, R16)', async () => {
    const c = await chat();
    await c.say(`${COAT_OVERDUE} 怎么还不发货`);
    expect(c.last).toContain('付款已经80小时');
    expect(c.last).toContain('精美收纳袋');
    expect(c.last).toContain('¥500.00');
    expect(c.last).toContain('已按上限计算');
  });

  it('overdue on Taobao: apology and gift, no platform compensation', async () => {
    const c = await chat('tb_buyer_002');
    await c.say(`${TAOBAO_OVERDUE} 催发货`);
    expect(c.last).toContain('超过了72小时');
    expect(c.last).not.toContain('赔付');
  });

  it('not overdue: when it ships at the latest', async () => {
    const c = await chat();
    await c.say(`${SNEAKER_PAID_10H} 什么时候发货`);
    expect(c.last).toMatch(/会在\d+月\d+日 \d\d:\d\d前发出/);
  });

  it('already shipped: courier and tracking number', async () => {
    const c = await chat();
    await c.say(`${LIPSTICK_SHIPPED} 怎么还不发货`);
    expect(c.last).toContain('已经在');
    expect(c.last).toContain('申通快递');
  });
});

describe('F1 urge payment as a conversation', () => {
  it.each([
    ['价格/优惠券', '满99元减10元'],
    ['运费', '6元的运费补贴'],
    ['尺码或质量拿不准', '七天无理由'],
    ['付款遇到问题', '换个付款方式'],
    ['再看看比较一下', '加入收藏'],
  ])('%s → the matching offer or help', async (reason, answer) => {
    const c = await chat();
    await c.say('拍下了还没付款，付款老是失败');
    expect(c.last).toContain('还没付款');
    await c.click(reason);
    expect(c.last).toContain(answer);
  });

  it('starts when a buyer with an unpaid order says hello', async () => {
    const c = await chat();
    await c.say('你好');
    expect(c.last).toContain('欢迎光临');
    expect(c.last).toContain('还没付款');
  });

  it('不需要了 → no more reminders for this buyer, and the reason is recorded', async () => {
    const c = await chat();
    await c.say('拍下了还没付款');
    await c.click('别再提醒');
    expect(c.last).toContain('不会再提醒');
    expect(await (await testKefu()).contacts.optedOut('tb_buyer_001')).toBe(true);
  });

  it('"别再催我付款了" at any time stops the reminders', async () => {
    const c = await chat();
    await c.say('拍下了还没付款');
    await c.say('别再催我付款了');
    expect(c.last).toContain('不会再提醒');
  });

  it('no unpaid order: general payment help', async () => {
    const c = await chat('tb_buyer_003');
    await c.say('怎么付款啊');
    expect(c.last).toContain('支付宝');
  });
});

// Pre-sales questions are answered directly from the shop profile (issue 14: no topic menu first).
describe('F2 pre-sales basics', () => {
  it.each([
    ['多久发货', '48小时内发货'],
    ['发什么快递', '默认发申通快递'],
    ['尺码怎么选', '尺码表'],
  ])('%s', async (question, answer) => {
    const c = await chat('tb_buyer_003');
    await c.say(question);
    expect(c.last).toContain(answer);
  });

  it('couriers include the surcharges from the shop profile', async () => {
    const c = await chat('tb_buyer_003');
    await c.say('能发顺丰吗');
    expect(c.last).toContain('可以发顺丰速运');
    expect(c.last).toContain('另加12元');
  });

  it('a question about the item itself goes to a pre-sales agent if the buyer wants', async () => {
    const c = await chat('tb_buyer_003');
    await c.say('T恤是哪个厂家做的');
    expect(c.last).toContain('我帮您问一下');
    await c.click('帮我问问');
    expect(c.last).toContain('人工客服');
  });
});

describe('one ship promise: the shop profile’s promiseHours', () => {
  it('not yet due: quotes the 48 h promise, not the platform’s 72 h', async () => {
    const c = await chat('tb_buyer_008');
    await c.say('什么时候发货');
    expect(c.last).toContain('付款后48小时内发货');
    expect(c.last).not.toContain('72');
  });

  it('a broken promise (60 h, before R16’s 72 h): apology, the gift, and the compensation rule', async () => {
    const c = await chat('tb_buyer_009');
    await c.say('说好48小时发货 怎么还没发');
    expect(c.last).toContain('真的很抱歉');
    expect(c.last).toContain('付款已经60小时还没发出');
    expect(c.last).toContain('精美收纳袋');
    expect(c.last).toContain('¥59.70的延迟发货赔付');
  });
});
