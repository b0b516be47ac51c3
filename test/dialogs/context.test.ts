/**
 * The context rules of issue 14, one test (or table) each, all typed — no button is pressed:
 * typed answers to every kind of question, text that is not an answer, questions answered on the
 * spot, switching topic and the way back, order/item/phone numbers, several intents at once.
 */
import { describe, expect, it } from 'vitest';
import { chat, type Chat } from '../support/transcript.js';

const TEE = '3289114476201230004'; // T恤 白色/M, signed 2 days ago
const SNEAKER = '3289114476201230005'; // 运动鞋 41, postage ¥10
const COAT = '3289114476201230002'; // 大衣, paid 80 h ago, not shipped
const TWO_LINES = '3289114476201230008'; // T恤×2 + 口红, 交易成功, the oldest (not among the 6 offered)
const TEE_SKUS = ['白色 / S', '白色 / L', '白色 / XL', '黑色 / M'];

async function typed(buyer: string, ...messages: string[]): Promise<Chat> {
  const c = await chat(buyer);
  for (const m of messages) await c.say(m);
  return c;
}

describe('typed yes and no', () => {
  it.each([
    ['可以', '可以换成「白色 / 40」'],
    ['行吧', '可以换成「白色 / 40」'],
    ['不要', '运费还没有商量好'],
    ['不行', '运费还没有商量好'],
  ])('"%s" to "OK to pay the return postage?"', async (answer, outcome) => {
    const c = await typed('tb_buyer_001', `${SNEAKER} 鞋子换40码`, '都在');
    expect(c.last).toContain('运费需要您来承担');
    await c.say(answer);
    expect(c.last).toContain(outcome);
  });

  it.each([
    ['嗯嗯', '可以换成「白色 / L」'],
    ['是的', '可以换成「白色 / L」'],
    ['不是', '不完好'],
  ])('"%s" to "tags and packaging still there?"', async (answer, outcome) => {
    const c = await typed('tb_buyer_001', `${TEE} 换个L`);
    await c.say(answer);
    expect(c.last).toContain(outcome);
  });

  it('不用了 at a yes/no question is "no", not a cancellation', async () => {
    const c = await typed('tb_buyer_003', 'T恤是哪个厂家做的');
    await c.say('不用了');
    expect(c.last).toContain('太好了');
    expect(c.last).not.toContain('先不办了');
  });

  it('算了 at a yes/no question still cancels', async () => {
    const c = await typed('tb_buyer_001', `${TEE} 换个L`, '算了');
    expect(c.last).toContain('先不办了');
  });

  it('"好的" to an offer that is a choice of two (keep it with compensation?)', async () => {
    const c = await typed('tb_buyer_001', `${TEE} 退货`, '不喜欢');
    await c.say('好的');
    expect(c.last).toContain('人工客服');
  });
});

describe('typed choices: position, fragment, order id', () => {
  // Offered newest first: 口红, T恤, 运动鞋, 马克杯, T恤, T恤等2件.
  it.each([
    ['第三个', '「轻跑透气运动鞋」'],
    ['3', '「轻跑透气运动鞋」'],
    ['三', '「轻跑透气运动鞋」'],
    ['第一单', '「丝绒哑光口红 #316」'],
    ['第4个', '「刻字定制陶瓷马克杯」'],
    ['最后一个', '是哪一件'],
  ])('order picker: "%s"', async (answer, outcome) => {
    const c = await typed('tb_buyer_001', '东西坏了');
    expect(c.last).toContain('哪一笔订单');
    await c.say(answer);
    expect(c.last).toContain(outcome);
  });

  it.each(['大衣那单', '那件大衣', '羊毛大衣'])('order picker: "%s" names the coat', async (answer) => {
    const c = await typed('tb_buyer_001', '催下发货');
    await c.say(answer);
    expect(c.last).toContain('80小时');
  });

  it('order picker: a pasted id among those offered', async () => {
    const c = await typed('tb_buyer_001', '我要换货', TEE);
    expect(c.buttons).toEqual(TEE_SKUS);
  });

  it('order picker: a pasted id of the buyer’s not among those offered is used', async () => {
    const c = await typed('tb_buyer_001', '我要换货');
    expect(c.buttons.join()).not.toContain('双面羊毛大衣');
    await c.say(`是这个 ${COAT}`);
    // The coat is not shipped yet: the exchange policy says why it cannot be exchanged.
    expect(c.last).toContain('状态不能申请换货');
  });

  it('order picker: someone else’s id is refused without revealing it, and the question stays', async () => {
    const c = await typed('tb_buyer_002', '退款');
    expect(c.last).toContain('哪一笔订单');
    await c.say(TEE);
    expect(c.last).toContain('没有在您的账号下找到这个订单号');
    expect(c.last).not.toContain('¥199');
    expect(c.last).toContain('哪一笔订单');
  });

  it.each([
    ['L码', '「白色 / L」'],
    ['黑色的', '「黑色 / M」'],
    ['xl', '「白色 / XL」'],
    ['要黑色那个', '「黑色 / M」'],
  ])('SKU: "%s"', async (answer, sku) => {
    const c = await typed('tb_buyer_001', `${TEE} 想换货`);
    await c.say(answer);
    await c.say('都在');
    expect(c.last).toContain(`可以换成${sku}`);
  });

  it('SKU: a fragment that fits several asks which of those', async () => {
    const c = await typed('tb_buyer_001', `${TEE} 想换货`, '白色的');
    expect(c.last).toContain('对得上好几个');
    expect(c.buttons).toEqual(['白色 / S', '白色 / L', '白色 / XL']);
    await c.say('l');
    expect(c.last).toContain('吊牌');
  });

  it.each([
    ['口红', '「丝绒哑光口红 #316」'],
    ['第一个', '「小满纯棉圆领T恤」'],
    ['黑色那件', '「小满纯棉圆领T恤」'],
  ])('which item of a two-line order: "%s"', async (answer, outcome) => {
    const c = await typed('tb_buyer_001', `${TWO_LINES} 质量有问题`);
    await c.say(answer);
    expect(c.last).toContain(outcome);
  });

  it.each([
    ['太小了', '换一个'],
    ['衣服开线了', '质量问题'],
    ['不想要了', '补偿'],
  ])('refund reason typed in the buyer’s words: "%s"', async (answer, outcome) => {
    const c = await typed('tb_buyer_001', `${TEE} 退货`);
    await c.say(answer);
    expect(c.last).toContain(outcome);
  });
});

describe('text that is not an answer', () => {
  it('gets the question again in words with the options listed, buttons kept; then a person is offered', async () => {
    const c = await typed('tb_buyer_001', `${TEE} 想换货`);
    await c.say('嗯嗯');
    expect(c.last).toContain('没对上');
    expect(c.last).toContain('可以换成下面这些');
    expect(c.last).toMatch(/1\. 白色 \/ S\n2\. 白色 \/ L\n3\. 白色 \/ XL\n4\. 黑色 \/ M/);
    expect(c.buttons).toEqual(TEE_SKUS);
    expect(c.last).not.toContain('点一下下面的按钮');
    await c.say('啥意思');
    expect(c.last).toContain('转人工');
    expect(c.buttons).toEqual([...TEE_SKUS, '转人工']);
    await c.say('第四个');
    expect(c.last).toContain('吊牌');
  });
});

describe('a question on another topic at a pending question is answered, then the question again', () => {
  it.each([
    ['发什么快递', '默认发申通快递'],
    ['到上海要几天', '到上海市，发货后一般1-2天能到'],
    ['包邮吗', '满49元包邮，不满的话运费8元'],
    ['能便宜点吗', '满99减10'],
    ['是正品吗', '正规渠道'],
    ['能开发票吗', '电子普通发票、增值税专用发票都能开'],
    ['谢谢', '不客气'],
    ['在吗', '在的亲'],
  ])('"%s" while choosing a size', async (question, answer) => {
    const c = await typed('tb_buyer_001', `${TEE} 想换货`);
    await c.say(question);
    expect(c.last).toContain(answer);
    expect(c.last).toContain('接着刚才的');
    expect(c.last).toContain('可以换成下面这些');
    expect(c.buttons).toEqual(TEE_SKUS);
    await c.say('黑色');
    expect(c.last).toContain('吊牌');
  });

  it('while the order picker inside a flow waits: answered, then the picker asks again', async () => {
    const c = await typed('tb_buyer_001', '要开发票');
    expect(c.last).toContain('哪一笔订单');
    await c.say('谢谢亲');
    expect(c.last).toContain('不客气');
    expect(c.last).toContain('哪一笔订单');
    expect(c.last).not.toContain('开了个小差');
  });

  it('two questions at once, both answered, then the question again', async () => {
    const c = await typed('tb_buyer_001', `${TEE} 质量有问题`, '发什么快递 几天到北京');
    expect(c.last).toContain('默认发申通快递');
    expect(c.last).toContain('到北京市，发货后一般2-3天能到');
    expect(c.last).toContain('照片');
  });

  it('at a free-text question that allows it: answered, and the question asked again', async () => {
    const c = await typed('tb_buyer_001', `${TEE} 开发票`, '普票', '发什么快递呀');
    expect(c.last).toContain('默认发申通快递');
    expect(c.last).toContain('发票抬头');
    await c.say('杭州小满科技有限公司');
    expect(c.last).toContain('税号');
  });

  it.each([
    ['不需要', '已为您登记'],
    ['个人', '税号'],
    ['不开了', '先不办了'],
  ])('at a free-text question, "%s" is taken for what it says', async (text, outcome) => {
    const c = await typed('tb_buyer_001', `${TEE} 开发票`, '普票');
    if (text !== '个人') await c.say('张小满');
    await c.say(text);
    expect(c.last).toContain(outcome);
  });

  it('at a free-text question that wants the buyer’s own account, the text is the answer', async () => {
    const c = await typed('tb_buyer_003', '我要投诉', '还没', '发什么快递都不知道 还发错了');
    expect(c.last).toContain('人工客服');
    expect(c.last).not.toContain('默认发申通快递');
  });
});

describe('a clear change of topic, and the way back', () => {
  const switched = () => typed('tb_buyer_001', `${TEE} 想换货`, `${COAT} 怎么还不发货`);

  it('switches to the new flow (with the order named) and, when it ends, offers the way back', async () => {
    const c = await switched();
    expect(c.last).toContain('80小时');
    expect(c.last).toContain('「换货」还没办完');
    expect(c.buttons).toContain('继续换货');
  });

  it.each(['继续换货', '继续', '回到刚才', '继续刚才的', '好的', '嗯'])('"%s" resumes the exchange at its question, with its order', async (back) => {
    const c = await switched();
    await c.say(back);
    expect(c.last).toContain('接着办「换货」');
    expect(c.last).toContain('「白色 / M」');
    expect(c.buttons).toEqual(TEE_SKUS);
    await c.say('L码');
    await c.say('在的');
    expect(c.last).toContain('可以换成「白色 / L」');
  });

  it('"不用了" lets it go', async () => {
    const c = await switched();
    await c.say('不用了');
    expect(c.last).toContain('先放一放');
    await c.say('继续');
    expect(c.last).not.toContain('接着办');
  });

  it('the way back stays open after another message, until typed', async () => {
    const c = await switched();
    await c.say('发什么快递');
    expect(c.last).toContain('默认发申通快递');
    await c.say('继续换货');
    expect(c.last).toContain('接着办「换货」');
  });

  it('a switch at a choice without an order number', async () => {
    const c = await typed('tb_buyer_001', `${TEE} 退货`, '我要开发票');
    expect(c.last).toContain('哪一笔订单');
    await c.say(TEE);
    await c.say('电子普通发票');
    await c.say('个人');
    await c.say('无');
    expect(c.last).toContain('已为您登记');
    expect(c.last).toContain('「退款」还没办完');
    await c.say('继续退款');
    expect(c.last).toContain('退款原因');
  });

  it('算了 in the new flow: cancelled, with the way back as a button', async () => {
    const c = await typed('tb_buyer_001', `${TEE} 想换货`, '我要开发票', '算了');
    expect(c.last).toContain('先不办了');
    expect(c.buttons[0]).toBe('继续换货');
    await c.say('继续换货');
    expect(c.buttons).toEqual(TEE_SKUS);
  });

  it('转人工 works in the new flow too', async () => {
    const c = await typed('tb_buyer_001', `${TEE} 想换货`, '我要开发票', '转人工');
    expect(c.last).toContain('人工客服');
  });

  it('a flow that ends with a person does not offer the way back', async () => {
    const c = await typed('tb_buyer_001', `${TEE} 想换货`, '我要投诉', '还没');
    await c.say('客服态度太差');
    expect(c.last).toContain('人工客服');
    expect(c.last).not.toContain('还没办完');
  });
});

describe('order numbers, item numbers, phone numbers', () => {
  it('an order number alone: the order and the likely actions for its status', async () => {
    const c = await typed('tb_buyer_001', COAT);
    expect(c.last).toContain('双面羊毛大衣');
    expect(c.last).toContain('待发货');
    expect(c.buttons).toEqual(['催发货', '改地址/改订单', '退款', '开发票']);
    await c.say('快点发');
    expect(c.last).toContain('80小时');
  });

  it('another order number at that question looks that one up instead', async () => {
    const c = await typed('tb_buyer_001', COAT, TEE);
    expect(c.last).toContain('小满纯棉圆领T恤');
    expect(c.buttons).toContain('换货');
  });

  it('someone else’s order number: not found, nothing revealed', async () => {
    const c = await typed('tb_buyer_003', `订单号 ${TEE}`);
    expect(c.last).toContain('没有在您的账号下找到这个订单号');
    expect(c.last).not.toMatch(/T恤|¥199/);
  });

  it('an order number with words carries both: "<order id> 杯子不想要了"', async () => {
    const c = await typed('tb_buyer_001', `${TEE} 杯子不想要了`);
    expect(c.last).toContain('退款原因');
    expect(c.last).not.toContain('哪一笔订单');
  });

  it('a 12-digit item number: the item is in view and the bot asks what to know', async () => {
    const c = await typed('tb_buyer_003', '528837201145');
    expect(c.last).toContain('商品编号 528837201145');
    // An item the order system does not know: its stock is not guessed.
    await c.say('有黑色吗');
    expect(c.last).toContain('528837201145');
    expect(c.last).toContain('我帮您问一下');
  });

  it.each(['13800001111', '138 0000 1111'])('an 11-digit phone number "%s" is never an order', async (phone) => {
    const c = await typed('tb_buyer_001', phone);
    expect(c.last).toContain('手机号');
    expect(c.last).not.toContain('查到这笔订单');
  });
});

describe('several intents in one message', () => {
  it('"收到了但是少了一件 能退吗" starts with the missing item', async () => {
    const c = await typed('tb_buyer_001', '收到了但是少了一件 能退吗', TEE);
    expect(c.last).toContain('哪种情况');
    expect(c.buttons).toContain('少发/漏发了');
  });

  it('"发什么快递 几天到北京" answers both', async () => {
    const c = await typed('tb_buyer_003', '发什么快递 几天到北京');
    expect(c.last).toContain('默认发申通快递');
    expect(c.last).toContain('到北京市，发货后一般2-3天能到');
  });

  it('"是正品吗 发什么快递" answers both, in order', async () => {
    const c = await typed('tb_buyer_003', '是正品吗 发什么快递');
    expect(c.last.indexOf('正规渠道')).toBeLessThan(c.last.indexOf('默认发申通快递'));
    expect(c.last.indexOf('正规渠道')).toBeGreaterThanOrEqual(0);
  });

  it('a question and a request: the question answered, then the one flow', async () => {
    const c = await typed('tb_buyer_003', '包邮吗 另外我要退货');
    expect(c.last).toContain('满49元包邮');
    expect(c.last).toContain('退款原因');
  });

  it('several requests: the problem with the item first (no return before the quality check)', async () => {
    const c = await typed('tb_buyer_003', '是正品吗 能退吗 衣服开线了');
    expect(c.last).toContain('正规渠道');
    expect(c.last).toContain('照片');
    expect(c.last).not.toContain('退款原因');
  });

  it('a hello with a question answers the question', async () => {
    const c = await typed('tb_buyer_003', '在吗 能发顺丰吗');
    expect(c.last).toContain('可以发顺丰速运');
    expect(c.last).toContain('另加12元');
  });

  it('"我不知道穿L还是XL 175cm 70kg": one size answer, using the measurements', async () => {
    // No item in view: one answer, which keeps the measurements and asks which item.
    const c = await typed('tb_buyer_003', '我不知道穿L还是XL 175cm 70kg');
    expect(c.last.match(/收到您的尺寸/g)).toHaveLength(1);
    expect(c.last).toContain('哪一款');
    expect(c.last).not.toContain('告诉小满您的身高');
    // With the item named: the chart's answer (175 cm / 70 kg is between L and XL on the T恤's chart).
    await c.say('T恤 我不知道穿L还是XL 175cm 70kg');
    expect(c.last.match(/尺码表/g)).toHaveLength(1);
    expect(c.last).toContain('在L和XL之间');
  });
});
