import { describe, expect, it } from 'vitest';
import { chat } from '../support/transcript.js';

const UNPAID = '3289114476201230001';
const COAT_OVERDUE = '3289114476201230002'; // ¥2000, paid 80 h ago, Tmall
const SNEAKER_UNSHIPPED = '3289114476201230003'; // ¥459 + ¥10 postage
const TEE_INSURED = '3289114476201230004'; // signed 2 days ago, 运费险
const SNEAKER_PAID_POSTAGE = '3289114476201230005';
const TEE_WINDOW_CLOSED = '3289114476201230010';
const TAOBAO_OVERDUE = '3289114476201230021';

describe('F4/F5 refund and return', () => {
  it('before shipping, overdue on Tmall: refund only plus 30% capped at ¥500 as 天猫积分 (R15, R16)', async () => {
    const c = await chat();
    await c.say(`${COAT_OVERDUE} 我要退款`);
    expect(c.buttons).toEqual(['未按约定时间发货', '缺货', '不想要了']);
    await c.click('未按约定时间发货');
    expect(c.last).toContain('仅退款');
    expect(c.last).toContain('¥2000.00');
    expect(c.last).toContain('¥500.00的赔付（以天猫积分形式发放）');
  });

  it('before shipping on Taobao: refund only, no platform compensation', async () => {
    const c = await chat('tb_buyer_002');
    await c.say(`${TAOBAO_OVERDUE} 退款`);
    await c.click('未按约定时间发货');
    expect(c.last).toContain('仅退款');
    expect(c.last).not.toContain('赔付');
  });

  it('changed mind before shipping: tries to keep the sale, then refunds goods and postage', async () => {
    const c = await chat();
    await c.say(`${SNEAKER_UNSHIPPED} 不想要了退款`);
    await c.click('不想要了');
    expect(c.last).toContain('补偿');
    await c.click('还是退吧');
    expect(c.last).toContain('¥469.00');
    expect(c.last).toContain('不需要寄回商品');
  });

  it('keeping the goods for compensation goes to a person (money decision)', async () => {
    const c = await chat();
    await c.say(`${SNEAKER_UNSHIPPED} 退款`);
    await c.click('不想要了');
    await c.click('有补偿的话可以留下');
    expect(c.last).toContain('人工客服');
  });

  it('wrong size: offers an exchange first and moves into F6', async () => {
    const c = await chat();
    await c.say(`${TEE_INSURED} 退货`);
    await c.click('尺码/颜色不合适');
    await c.click('换个尺码/颜色');
    expect(c.buttons).toContain('黑色 / M');
  });

  it('dislike with 运费险: return and refund, insurance pays the postage, address and deadlines', async () => {
    const c = await chat();
    await c.say(`${TEE_INSURED} 退货`);
    await c.click('不喜欢');
    await c.click('还是退吧');
    expect(c.last).toContain('退货退款');
    expect(c.last).toContain('退货运费险');
    expect(c.last).toContain('寄回时的快递单号');
    expect(c.last).toContain('退货地址');
    expect(c.last).toContain('七天无理由退换截止');
  });

  it('quality fault with paid postage: seller pays the return, refund includes postage, photos asked (R4, R21)', async () => {
    const c = await chat();
    await c.say(`${SNEAKER_PAID_POSTAGE} 退货`);
    await c.click('质量问题');
    expect(c.last).toContain('寄回的运费由我们承担');
    expect(c.last).toContain('¥469.00');
    expect(c.last).toContain('照片');
  });

  it('dislike after the 7-day window: not available, offers a person (R1)', async () => {
    const c = await chat();
    await c.say(`${TEE_WINDOW_CLOSED} 退货`);
    await c.click('不喜欢');
    expect(c.last).toContain('过了签收后7天');
  });

  it('an unpaid order needs no refund', async () => {
    const c = await chat();
    await c.say(`${UNPAID} 退款`);
    expect(c.last).toContain('还没有付款');
  });
});

describe('what the buyer already said counts (issue 16)', () => {
  it('"我想退货 不喜欢": the reason is not asked again', async () => {
    const c = await chat();
    await c.say(`${TEE_INSURED} 我想退货 不喜欢`);
    expect(c.last).toContain('退款原因就按您说的「不喜欢/不想要了」');
    expect(c.buttons).not.toContain('尺码/颜色不合适');
    expect(c.last).toContain('补偿');
  });

  it('"不想要了 退款" asks for the refund without saying why: the reasons are offered', async () => {
    const c = await chat();
    await c.say(`${SNEAKER_UNSHIPPED} 不想要了退款`);
    expect(c.buttons).toEqual(['未按约定时间发货', '缺货', '不想要了']);
  });

  it('the offer to keep the item comes once per conversation', async () => {
    const c = await chat();
    await c.say(`${TEE_INSURED} 不喜欢 想退货`);
    expect(c.last).toContain('补偿');
    await c.say('还是退吧');
    expect(c.last).toContain('退货地址');
    await c.say(`${SNEAKER_PAID_POSTAGE} 这双也不喜欢 退货`);
    expect(c.last).not.toContain('补偿');
    expect(c.last).toContain('退货退款');
    expect(c.last).toContain('寄回的运费由您承担');
  });
});
