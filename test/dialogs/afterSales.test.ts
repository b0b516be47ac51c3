import { describe, expect, it } from 'vitest';
import { chat } from '../support/transcript.js';

const SIGNED = '3289114476201230004';
const SNEAKER_PAID_POSTAGE = '3289114476201230005';

describe('F11 wrong or missing item', () => {
  it('wrong item → photos → reship within 3 working days at our cost (R6)', async () => {
    const c = await chat();
    await c.say(`${SIGNED} 发错货了`);
    await c.click('发错了');
    expect(c.last).toContain('拍一下');
    await c.click('照片发好了');
    expect(c.last).toContain('来回运费都由我们承担');
    await c.click('换成对的');
    expect(c.last).toContain('3个工作日内发出');
  });

  it('missing item refused → return with free pickup (R29)', async () => {
    const c = await chat();
    await c.say(`${SIGNED} 少发了一件`);
    await c.click('少发');
    await c.click('稍后再拍');
    expect(c.last).toContain('补寄');
    await c.click('退货退款');
    expect(c.last).toContain('上门取件');
    expect(c.last).toContain('0元');
  });

  it('still unhappy → what they want → a supervisor decides (amount above the agent limit)', async () => {
    const c = await chat();
    await c.say(`${SIGNED} 发错货了`);
    await c.click('发错了');
    await c.click('照片发好了');
    await c.click('都不满意');
    await c.say('必须赔我100元');
    expect(c.last).toContain('客服主管');
  });
});

describe('F12 quality problem and F13 compensation', () => {
  it('affects use → repair or parts, promised within 14 days of 交易成功', async () => {
    const c = await chat();
    await c.say(`${SIGNED} 衣服开线了`);
    await c.click('照片发好了');
    await c.click('影响使用');
    await c.click('维修');
    expect(c.last).toContain('14天内');
  });

  it('affects use → return at our cost, refund includes postage', async () => {
    const c = await chat();
    await c.say(`${SNEAKER_PAID_POSTAGE} 鞋底开胶了`);
    await c.click('照片发好了');
    await c.click('影响使用');
    await c.click('退货退款');
    expect(c.last).toContain('寄回的运费由我们承担');
    expect(c.last).toContain('¥469.00');
    expect(c.last).toContain('退货地址');
  });

  it('affects use → a new one after the return', async () => {
    const c = await chat();
    await c.say(`${SIGNED} 质量有问题`);
    await c.click('照片发好了');
    await c.click('影响使用');
    await c.click('换个新的');
    expect(c.last).toContain('给您发新的');
  });

  it.each([
    ['10元', '人工客服'],
    ['50块', '客服主管'],
    ['你们看着办吧', '人工客服'],
  ])('small flaw → compensation "%s" → %s (shop limit ¥30)', async (amount, rung) => {
    const c = await chat();
    await c.say(`${SIGNED} 衣服有瑕疵，线头很多`);
    await c.click('照片发好了');
    await c.click('不影响');
    expect(c.last).toContain('补偿');
    await c.say(amount);
    expect(c.last).toContain(rung);
  });
});

describe('F14 authenticity', () => {
  it('assures, cites the guarantees, and arranges an appraisal with a person', async () => {
    const c = await chat();
    await c.say('你们这是假货吧');
    expect(c.last).toContain('正规渠道');
    expect(c.last).toContain('假一赔三');
    // Only programmes the shop takes part in: it promises 48 h, so no 24-hour shipping.
    expect(c.last).not.toContain('24小时闪电发货');
    await c.click('鉴定');
    expect(c.last).toContain('鉴定费也由我们承担');
    expect(c.last).toContain('人工客服');
  });

  it('offers an invoice as proof', async () => {
    const c = await chat('tb_buyer_003');
    await c.say('是正品吗');
    await c.click('开张发票');
    expect(c.last).toContain('哪种发票');
  });

  it('reassured', async () => {
    const c = await chat();
    await c.say('保证正品吗');
    await c.click('放心了');
    expect(c.last).toContain('太好了');
  });
});

describe('F15 complaint and 小二介入', () => {
  it('already filed: settle first, the evidence checklist for 小二, and a person', async () => {
    const c = await chat();
    await c.say('我要投诉你们');
    await c.click('已经投诉');
    await c.say('东西坏了没人管');
    expect(c.last).toContain('平台小二介入');
    expect(c.last).toContain('聊天记录');
    expect(c.last).toContain('物流凭证');
    expect(c.last).toContain('人工客服');
  });

  it('not yet filed: a person settles it', async () => {
    const c = await chat();
    await c.say('我要投诉');
    await c.click('还没有');
    await c.say('客服态度很差');
    expect(c.last).toContain('人工客服');
    expect(c.last).not.toContain('小二介入');
  });
});

describe('F16 reviews', () => {
  it('good review: thanks', async () => {
    const c = await chat();
    await c.say('我想给个好评');
    await c.click('已经好评');
    expect(c.last).toContain('谢谢亲的好评');
  });

  it('bad review: why, within the 48 h grace (R23), and a person follows up', async () => {
    const c = await chat();
    await c.say('我给了差评');
    await c.click('中差评');
    expect(c.last).toContain('48小时内');
    await c.say('质量不好');
    expect(c.last).toContain('人工客服');
  });

  it('compensation for a review change needs a supervisor', async () => {
    const c = await chat();
    await c.say('好评返现吗');
    await c.click('返现');
    expect(c.last).toContain('主管');
  });
});
