import { describe, expect, it } from 'vitest';
import { chat } from '../support/transcript.js';

// Demo orders of tb_buyer_001 (bot/orders/demo/fixtures.ts).
const TEE_SIGNED_2_DAYS_AGO = '3289114476201230004'; // white M, free shipping, 运费险
const SNEAKER_DATE_ONLY = '3289114476201230005'; // 41, postage ¥10, signed 3 days ago (date only)
const MUG_CUSTOMISED = '3289114476201230007'; // 交易成功
const TWO_LINES = '3289114476201230008'; // 交易成功 20 days ago
const TEE_SIGNED_10_DAYS_AGO = '3289114476201230010';

describe('F6 exchange', () => {
  it('allowed: a size named in the message, intact → next steps, return address and deadlines (R10, R11, R13)', async () => {
    const c = await chat();
    await c.say(`订单${TEE_SIGNED_2_DAYS_AGO} 衣服小了换个L`);
    expect(c.last).toContain('吊牌');
    await c.click('吊牌包装都在');
    expect(c.last).toContain('可以换成「白色 / L」');
    expect(c.last).toContain('寄回地址');
    expect(c.last).toContain('换货申请超时自动同意');
    expect(c.last).toMatch(/R10.*R11.*R13/);
  });

  it('offers only same-price SKUs on sale with stock, then allows the chosen one', async () => {
    const c = await chat();
    await c.say(`${TEE_SIGNED_2_DAYS_AGO} 我想换货`);
    expect(c.buttons).toEqual(expect.arrayContaining(['白色 / S', '白色 / L', '黑色 / M']));
    expect(c.buttons).not.toContain('黑色 / L'); // out of stock
    expect(c.buttons).not.toContain('白色 / XXL'); // ¥209 instead of ¥199
    expect(c.buttons).not.toContain('灰色 / M'); // off sale
    expect(c.buttons).not.toContain('白色 / M'); // what the buyer has
    await c.click('黑色 / M');
    await c.click('吊牌包装都在');
    expect(c.last).toContain('可以换成「黑色 / M」');
  });

  it('refused for price: the target SKU costs more (R11, refusal code PRICE_DIFFERENCE)', async () => {
    const c = await chat();
    await c.say(`${TEE_SIGNED_2_DAYS_AGO} 换个XXL`);
    expect(c.last).toContain('暂时办不了');
    expect(c.last).toContain('价格不一样');
    expect(c.last).toContain('退货退款');
  });

  it('the named SKU is out of stock: says so, and offers what can be had', async () => {
    const c = await chat();
    await c.say(`${TEE_SIGNED_2_DAYS_AGO} 换成黑色的L`);
    expect(c.last).toContain('「黑色 / L」暂时没货了');
    expect(c.buttons).toContain('黑色 / M');
    expect(c.buttons).not.toContain('黑色 / L');
  });

  it('refused: not intact (R3)', async () => {
    const c = await chat();
    await c.say(`${TEE_SIGNED_2_DAYS_AGO} 换个L`);
    await c.click('已经穿过');
    expect(c.last).toContain('不完好');
  });

  it('refused: past the 7-day window, without asking further questions (R10, R1)', async () => {
    const c = await chat();
    await c.say(`${TEE_SIGNED_10_DAYS_AGO} 换个M`);
    expect(c.last).toContain('超过签收后7天');
  });

  it('refused: a customised item after 交易成功, giving every reason', async () => {
    const c = await chat();
    await c.say(`${MUG_CUSTOMISED} 能换货吗`);
    expect(c.last).toMatch(/定制商品不支持换货/);
    expect(c.last).toMatch(/状态不能申请换货/);
  });

  it('goods without free shipping: postage agreed → allowed; refused → not (R4, R12)', async () => {
    const yes = await chat();
    await yes.say(`${SNEAKER_DATE_ONLY} 鞋子换40码`);
    await yes.click('吊牌包装都在');
    expect(yes.last).toContain('运费需要您来承担');
    await yes.click('运费我来出');
    expect(yes.last).toContain('可以换成「白色 / 40」');

    const no = await chat();
    await no.say(`${SNEAKER_DATE_ONLY} 鞋子换40码`);
    await no.click('吊牌包装都在');
    await no.click('不想出运费');
    expect(no.last).toContain('运费还没有商量好');
  });

  it('a multi-line order: asks which item first', async () => {
    const c = await chat();
    await c.say(`${TWO_LINES} 换货`);
    expect(c.buttons).toEqual(['小满纯棉圆领T恤（黑色 / M）', '丝绒哑光口红 #316（316）']);
    await c.click('丝绒哑光口红');
    expect(c.last).toContain('状态不能申请换货');
  });

  it('several orders and none named: asks which, with title, status and date', async () => {
    const c = await chat();
    await c.say('我要换货');
    expect(c.last).toContain('哪一笔订单');
    expect(c.buttons.some((b) => /小满纯棉圆领T恤 · 已发货 · \d+月\d+日/.test(b))).toBe(true);
  });

  it('a parcel not yet signed for: exchange only after signing (R10)', async () => {
    const c = await chat();
    await c.say('3289114476201230006 口红换一个');
    expect(c.last).toContain('包裹还没有签收');
  });

  it('one fitting order: takes it without asking', async () => {
    const c = await chat('tb_buyer_003');
    await c.say('鞋子换个40码');
    expect(c.last).toContain('帮您找到了这笔订单');
    expect(c.last).toContain('吊牌');
  });
});

describe('exchanges under issue 16', () => {
  // tb_buyer_010: 卫衣 black XL, postage ¥8 paid, 运费险, signed yesterday; black XXL sold out.
  it('运费险 pays the send-back leg as it does for a return: no postage question', async () => {
    const c = await chat('tb_buyer_010');
    await c.say('卫衣换个L码');
    expect(c.last).toContain('吊牌');
    await c.say('都在');
    expect(c.last).toContain('可以换成「黑色 / L」');
    expect(c.last).not.toContain('运费需要您来承担');
  });

  it('换小一码: the next size down in the same colour (black L), straight to the usual questions', async () => {
    const c = await chat('tb_buyer_010');
    await c.say('换小一码');
    expect(c.last).toContain('吊牌');
    await c.say('都在');
    expect(c.last).toContain('可以换成「黑色 / L」');
  });

  it('大一码: black XXL is sold out; says so, oat XXL first among what is in stock, typed choice', async () => {
    const c = await chat('tb_buyer_010');
    await c.say('卫衣小了 换大一码');
    expect(c.last).toContain('「黑色 / XXL」暂时没货了，「燕麦色 / XXL」');
    expect(c.buttons).not.toContain('黑色 / XXL');
    await c.say('燕麦色的XXL');
    await c.say('都在');
    expect(c.last).toContain('可以换成「燕麦色 / XXL」');
  });

  it('at the list of sizes, "小一码的" typed is the next size down', async () => {
    const c = await chat('tb_buyer_010');
    await c.say('我想换货');
    expect(c.buttons).toContain('黑色 / L');
    await c.say('小一码的');
    await c.say('都在');
    expect(c.last).toContain('可以换成「黑色 / L」');
  });

  it('another item (换成那件T恤): only the same item, size or colour, same price (R11); return and re-buy', async () => {
    const c = await chat('tb_buyer_010');
    await c.say('换成那件T恤');
    expect(c.last).toContain('只能换同一款商品的尺码或颜色');
    expect(c.last).toContain('R11');
    expect(c.last).toContain('申请退货退款，再重新拍下');
  });

  it('XL换成L on a parcel not yet sent goes to the order change instead (F8)', async () => {
    const c = await chat('tb_buyer_008');
    await c.say('我要换货 XL换成L');
    expect(c.last).toContain('发货前我们直接帮您把规格改成「黑色 / L」');
  });
});
