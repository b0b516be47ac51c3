import { describe, expect, it } from 'vitest';
import { chat, type Chat } from '../support/transcript.js';

/** Ways to reach every kind of prompt the flows ask: messages, or "> label" to click a button. */
const PROMPTS: [string, string[]][] = [
  ['order picker', ['我要换货']],
  ['exchange: which SKU', ['3289114476201230004 我想换货']],
  ['exchange: which item', ['3289114476201230008 换货']],
  ['exchange: intact?', ['3289114476201230004 换个L']],
  ['exchange: postage?', ['3289114476201230005 鞋子换40码', '> 吊牌包装都在']],
  ['refund: reason', ['3289114476201230004 退货']],
  ['refund: keep the sale?', ['3289114476201230004 退货', '> 不喜欢']],
  ['payment: why unpaid?', ['3289114476201230001 付款老是失败']],
  ['presale: hand over?', ['T恤是哪个厂家做的']],
  ['modify: what to change (free text)', ['3289114476201230002 地址写错了要改']],
  ['invoice: kind', ['3289114476201230004 开发票']],
  ['invoice: title (free text)', ['3289114476201230004 开发票', '> 电子普通发票']],
  ['invoice: tax id (free text)', ['3289114476201230004 开发票', '> 电子普通发票', '张小满']],
  ['logistics: problem', ['3289114476201230006 查物流']],
  ['logistics: stand-in?', ['3289114476201230004 显示签收了但我没收到']],
  ['wrong item: kind', ['3289114476201230004 发错货了']],
  ['wrong item: photos', ['3289114476201230004 发错货了', '> 发错了']],
  ['wrong item: offer', ['3289114476201230004 发错货了', '> 发错了', '> 照片发好了']],
  ['wrong item: wish (free text)', ['3289114476201230004 发错货了', '> 发错了', '> 照片发好了', '> 都不满意']],
  ['quality: photos', ['3289114476201230004 质量有问题']],
  ['quality: affects use?', ['3289114476201230004 质量有问题', '> 照片发好了']],
  ['quality: remedy', ['3289114476201230004 质量有问题', '> 照片发好了', '> 影响使用']],
  ['compensation: amount (free text)', ['3289114476201230004 质量有问题', '> 照片发好了', '> 不影响']],
  ['authenticity: next', ['是正品吗']],
  ['complaint: filed?', ['我要投诉']],
  ['complaint: what happened (free text)', ['我要投诉', '> 还没有']],
  ['review: kind', ['我给了差评']],
  ['review: why (free text)', ['我给了差评', '> 中差评']],
];

async function reach(steps: string[]): Promise<Chat> {
  const c = await chat();
  for (const step of steps) {
    if (step.startsWith('> ')) await c.click(step.slice(2));
    else await c.say(step);
  }
  return c;
}

describe('interruptions at every prompt', () => {
  it.each(PROMPTS)('算了 at %s cancels the flow and shows the menu', async (_name, steps) => {
    const c = await reach(steps);
    await c.say('算了');
    expect(c.last).toContain('先不办了');
    expect(c.buttons).toContain('转人工');
    await c.say('谢谢');
    expect(c.last).toContain('不客气');
  });

  it.each(PROMPTS)('转人工 at %s hands over to a person', async (_name, steps) => {
    const c = await reach(steps);
    await c.say('转人工');
    expect(c.last).toContain('人工客服');
    // Handed over: the bot stays quiet and leaves the buyer to the agent.
    await c.say('谢谢');
    expect(c.last).toBe('');
  });
});

describe('switching mid-flow', () => {
  it('naming another order restarts the flow with it', async () => {
    const c = await reach(['3289114476201230004 换个L']);
    expect(c.last).toContain('吊牌');
    await c.say('不对，是订单3289114476201230005');
    expect(c.buttons).toContain('白色 / 40');
  });

  it('a clear new question at a button prompt switches topic', async () => {
    const c = await reach(['3289114476201230004 退货']);
    expect(c.buttons).toContain('不喜欢/不想要了');
    await c.say('我要开发票');
    expect(c.last).toContain('哪一笔订单');
  });

  it('a free-text answer is taken as the answer, not as a new topic', async () => {
    const c = await reach(['3289114476201230004 开发票', '> 电子普通发票']);
    await c.say('退货运费险公司');
    expect(c.last).toContain('税号');
  });

  // Issue 14: never only "please press a button" — the question again, in words, with its options.
  it('an answer that is neither an option nor a clear topic gets the question again with its options listed', async () => {
    const c = await reach(['3289114476201230004 退货']);
    await c.say('嗯嗯');
    expect(c.last).not.toContain('点一下下面的按钮');
    expect(c.last).toContain('退款原因');
    expect(c.last).toMatch(/1\. 未收到货\n2\. 不喜欢\/不想要了/);
    expect(c.buttons).toContain('不喜欢/不想要了');
  });
});

describe('orders that are not the buyer’s', () => {
  it('are refused without revealing anything about them', async () => {
    const c = await chat('tb_buyer_003');
    await c.say('3289114476201230004 换货');
    expect(c.last).toContain('没有在您的账号下找到这个订单号');
    expect(c.last).not.toMatch(/T恤|¥199|3289114476201230004/); // the foreign order's title, price, id
  });
});

describe('opening the chat and asking for a person', () => {
  it('greets a buyer who opens the chat, with the menu', async () => {
    const c = await chat('tb_buyer_003');
    await c.join();
    expect(c.last).toContain('欢迎光临');
    expect(c.buttons).toContain('转人工');
  });

  it('转人工 with nothing under way hands over to an agent', async () => {
    const c = await chat('tb_buyer_003');
    await c.say('转人工');
    expect(c.last).toContain('人工客服');
  });
});

describe('small talk', () => {
  it('thanks', async () => {
    const c = await chat('tb_buyer_003');
    await c.say('谢谢你');
    expect(c.last).toContain('不客气');
  });

  it('算了 with nothing under way shows the menu', async () => {
    const c = await chat('tb_buyer_003');
    await c.say('算了');
    expect(c.buttons).toContain('退款/退货');
  });
});
