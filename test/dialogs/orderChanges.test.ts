import { describe, expect, it } from 'vitest';
import { chat } from '../support/transcript.js';

const UNPAID = '3289114476201230001';
const NOT_PRINTED = '3289114476201230002';
const PRINTED = '3289114476201230003';
const SHIPPED = '3289114476201230006';
const SIGNED = '3289114476201230004';
const FINISHED = '3289114476201230007';

describe('F8 modify order, by print and ship state', () => {
  it.each([
    [UNPAID, '直接在订单里修改'],
    [NOT_PRINTED, '直接帮您改'],
    [PRINTED, '先作废原单再重新审核'],
    [SHIPPED, '联系快递改派'],
  ])('%s → %s, then the change is recorded for the agents', async (tid, answer) => {
    const c = await chat();
    await c.say(`${tid} 地址写错了要改`);
    expect(c.last).toContain(answer);
    await c.say('改到杭州市滨江区江南大道1号');
    expect(c.last).toContain('修改要求已经记下');
  });
});

describe('F8 a new size or colour before shipment is a change of the order, not an exchange (issue 16)', () => {
  // tb_buyer_008: 卫衣 黑色/XL, paid, not printed; tb_buyer_009: T恤 白色/M, printed (白色/XXL costs ¥10 more).
  it('XL换成L: the new SKU is in stock, the shop edits the order before shipping; agreed, it is recorded', async () => {
    const c = await chat('tb_buyer_008');
    await c.say('XL换成L');
    expect(c.last).toContain('「黑色 / L」有货');
    expect(c.last).toContain('发货前我们直接帮您把规格改成「黑色 / L」');
    expect(c.last).not.toMatch(/吊牌|换货|差价/);
    await c.say('好的');
    expect(c.last).toContain('已经帮您登记好，把规格改成「黑色 / L」');
  });

  it('尺码拍错了 换M (an order-change request): the same change; 不用了 keeps the order as it is', async () => {
    const c = await chat('tb_buyer_008');
    await c.say('尺码拍错了 换M');
    expect(c.last).toContain('改成「黑色 / M」吗');
    await c.say('不用了');
    expect(c.last).toContain('订单先不改，还是「黑色 / XL」');
  });

  it('能换个颜色吗 换黑色: the order is black already', async () => {
    const c = await chat('tb_buyer_008');
    await c.say('能换个颜色吗 换黑色');
    expect(c.last).toContain('您拍的就是「黑色 / XL」');
  });

  it('a sold-out size: says so, offers what is in stock, the buyer types one', async () => {
    const c = await chat('tb_buyer_008');
    await c.say('我想改下订单');
    expect(c.last).toContain('要改成什么');
    await c.say('尺码要XXL');
    expect(c.last).toContain('「黑色 / XXL」暂时没货了，「燕麦色 / XXL」');
    expect(c.buttons).toEqual(['燕麦色 / XXL', '黑色 / M', '黑色 / L', '先不改了']);
    await c.say('燕麦色的吧');
    expect(c.last).toContain('改成「燕麦色 / XXL」吗');
    await c.say('可以');
    expect(c.last).toContain('把规格改成「燕麦色 / XXL」');
  });

  it('printed, and dearer: the print is voided and re-audited (F8), and the buyer pays the ¥10 difference', async () => {
    const c = await chat('tb_buyer_009');
    await c.say('T恤换成XXL');
    expect(c.last).toContain('先作废原来的面单');
    expect(c.last).toContain('比原来贵¥10.00');
    await c.say('帮我改');
    expect(c.last).toContain('补差价链接');
  });

  it('unpaid: nothing to change on our side, cancel and order the right size', async () => {
    const c = await chat();
    await c.say('3289114476201230001 能改成L码吗');
    expect(c.last).toContain('直接取消这笔、重新拍「白色 / L」');
    expect(c.buttons).toEqual([]);
  });
});

describe('F9 invoice', () => {
  it('records kind, title and tax id; issued after confirming receipt (R28)', async () => {
    const c = await chat();
    await c.say(`${SIGNED} 能开发票吗`);
    await c.click('增值税专用发票');
    expect(c.last).toContain('抬头');
    await c.say('杭州小满科技有限公司');
    expect(c.last).toContain('税号');
    await c.say('91330100MA2XXXXXX1');
    expect(c.last).toContain('增值税专用发票，抬头「杭州小满科技有限公司」，金额¥199.00');
    expect(c.last).toContain('确认收货后');
  });

  it('a finished trade: issued within the working days, no receipt to wait for', async () => {
    const c = await chat();
    await c.say(`${FINISHED} 开票`);
    await c.click('电子普通发票');
    await c.say('张小满');
    await c.say('无');
    expect(c.last).toMatch(/会在3个工作日内开好/);
    expect(c.last).not.toContain('确认收货后');
  });

  it('buyer text in a title is shown as text, never markup', async () => {
    const c = await chat();
    await c.say(`${SIGNED} 开发票`);
    await c.click('电子普通发票');
    await c.say('<img src=x onerror=alert(1)>');
    await c.say('无');
    expect(c.last).toContain('<img src=x onerror=alert(1)>'); // unescaped for display by the test client
  });
});
