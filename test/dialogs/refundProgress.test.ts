/**
 * Issue 16: refunds already under way, the seller's refusal, 小二介入 and the supervisor rung —
 * typed, never a button pressed, against the demo orders of buyers 004–006
 * (bot/orders/demo/fixtures.ts).
 */
import { describe, expect, it } from 'vitest';
import { chat } from '../support/transcript.js';

const WAITING = '3289114476201230041'; // tb_buyer_004: T恤, refund waiting for us, platform countdown 52 h
const REFUSED = '3289114476201230051'; // tb_buyer_005: 运动鞋, refund refused, Tmall
const WITH_PLATFORM = '3289114476201230061'; // tb_buyer_006: 口红, 未收到货 refund refused, 小二介入 asked 20 h ago

describe('a refund already requested', () => {
  it('"我的退款怎么还没处理": the state, who acts next and by when, and the automatic agreement (R14)', async () => {
    const c = await chat('tb_buyer_004');
    await c.say('我的退款怎么还没处理');
    expect(c.last).toContain('「小满纯棉圆领T恤」的退款（¥199.00）');
    expect(c.last).toContain('买家已申请退款，等待卖家处理');
    expect(c.last).toContain('轮到我们审核');
    expect(c.last).toMatch(/还剩2天(3|4)小时/);
    expect(c.last).toContain('系统会自动同意');
    expect(c.last).toContain('R14');
    // No new refund: no reason picker.
    expect(c.last).not.toContain('退款原因');
    expect(c.buttons).toEqual([]);
  });

  it('asking for a refund on a line that already has one shows its progress instead of a second request', async () => {
    const c = await chat('tb_buyer_004');
    await c.say(`${WAITING} 我要退货`);
    expect(c.last).toContain('已经有一笔退款在处理中');
    expect(c.last).toContain('等待卖家处理');
    expect(c.last).not.toContain('退款原因');
  });

  it('a buyer with no refund at all is told so and helped to ask for one', async () => {
    const c = await chat('tb_buyer_003');
    await c.say('退款进度');
    expect(c.last).toContain('没有查到退款申请');
    expect(c.last).toContain('退款原因');
  });

  it('"卖家一直不处理 能找小二吗" while we still have time: the rule and the timing, no 介入 yet', async () => {
    const c = await chat('tb_buyer_004');
    await c.say('卖家一直不处理 能找小二吗');
    expect(c.last).toContain('等待卖家处理');
    expect(c.last).toContain('系统会自动同意');
    expect(c.last).toContain('用不着找小二');
    expect(c.last).toContain('申请平台客服介入');
  });
});

describe('the seller refused', () => {
  it('says what the buyer can do: edit and resubmit, the evidence, when and how to ask for 介入', async () => {
    const c = await chat('tb_buyer_005');
    await c.say('我的退款被拒绝了怎么办');
    expect(c.last).toContain('卖家拒绝退款');
    expect(c.last).toContain('修改退款申请后重新提交');
    expect(c.last).toContain('现在就可以在退款详情页点“申请客服介入”');
    expect(c.last).toContain('天猫客服');
    expect(c.last).toContain('聊天记录');
    expect(c.last).toContain('申请小二介入了吗');
  });

  it('once the buyer says 介入 is requested: the platform time and the evidence, no more advice to apply', async () => {
    const c = await chat('tb_buyer_005');
    await c.say(`${REFUSED} 退款被拒了`);
    await c.say('已经申请了');
    expect(c.last).toContain('不需要再重复申请');
    expect(c.last).toContain('物流凭证');
    expect(c.last).not.toContain('申请客服介入');
  });

  it('not yet with 小二: a person checks the refusal again', async () => {
    const c = await chat('tb_buyer_005');
    await c.say('退款被拒了');
    await c.say('还没有');
    expect(c.last).toContain('人工客服');
  });

  it('"已经申请小二介入了" said up front is not asked again', async () => {
    const c = await chat('tb_buyer_005');
    await c.say('已经申请小二介入了');
    expect(c.last).toContain('不需要再重复申请');
    expect(c.last).not.toContain('申请小二介入了吗');
    expect(c.buttons).toEqual([]);
  });

  it('介入 already on record: 未收到货 gets the platform’s 2 working days (R17) and the evidence list', async () => {
    const c = await chat('tb_buyer_006');
    await c.say(`${WITH_PLATFORM} 退款怎么样了`);
    expect(c.last).toContain('已经有小二介入');
    expect(c.last).toContain('2个工作日内');
    expect(c.last).toContain('R17');
    expect(c.last).toContain('聊天记录');
    expect(c.last).not.toContain('申请客服介入');
  });
});

describe('the middle rung: 主管', () => {
  it('"叫你们主管出来" reaches a supervisor, and the bot says so', async () => {
    const c = await chat('tb_buyer_003');
    await c.say('叫你们主管出来');
    expect(c.last).toContain('请客服主管来处理');
    await c.say('还没');
    await c.say('上次的问题一直没人管');
    expect(c.last).toContain('由客服主管亲自来处理');
  });

  it('a complaint without asking for the 主管 stays with an agent', async () => {
    const c = await chat('tb_buyer_003');
    await c.say('已经申请小二介入了');
    await c.say('已经投诉了');
    await c.say('发错货还不给退');
    expect(c.last).toContain('人工客服');
    expect(c.last).not.toContain('客服主管');
  });
});

describe('several refunds (tb_buyer_011: one refunded order, one with two lines refunding)', () => {
  it('asks which order, then which item, and says whose move it is', async () => {
    const c = await chat('tb_buyer_011');
    await c.say('退款进度');
    expect(c.last).toContain('想查哪一笔');
    await c.say('口红');
    expect(c.last).toContain('退款成功');
    expect(c.last).toContain('钱会原路退回');

    const d = await chat('tb_buyer_011');
    await d.say('退款到哪一步了');
    await d.say('T恤那单');
    expect(d.last).toContain('想查哪一件');
    await d.say('运动鞋');
    expect(d.last).toContain('买家已退货，等待卖家确认收货');
    expect(d.last).toContain('验收退回的商品');
    expect(d.last).toContain('系统会自动同意');
    await d.say('退款进度');
    await d.say('T恤那单');
    await d.say('T恤');
    expect(d.last).toContain('需要您把商品寄回');
  });
});
