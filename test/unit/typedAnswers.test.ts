import { describe, expect, it } from 'vitest';
import { asksForPerson, asksToStop, byFragment, compact, isResumeRequest, phrasesOf, position, resolveAnswer, yesNo, type AnswerOption, type Question } from '../../dialogs/typedAnswers.js';

const choice = (options: AnswerOption[]): Question => ({ kind: 'choice', options });
const yesNoQuestion = choice([
  { value: 'yes', label: '吊牌包装都在', polarity: 'yes', phrases: ['都在', '还在', '没穿过'] },
  { value: 'no', label: '已经穿过/拆了吊牌', polarity: 'no', phrases: ['穿过', '拆了'] },
]);
const skus = choice([
  { value: 'tee_white_s', label: '白色 / S' },
  { value: 'tee_white_l', label: '白色 / L' },
  { value: 'tee_white_xl', label: '白色 / XL' },
  { value: 'tee_black_m', label: '黑色 / M' },
]);
const shoes = choice([
  { value: 'sneaker_40', label: '白色 / 40' },
  { value: 'sneaker_41', label: '白色 / 41' },
]);
const orders: Question = {
  kind: 'order',
  options: [
    { value: '3289114476201230006', tid: '3289114476201230006', label: '丝绒哑光口红 #316 · 已发货 · 11月22日', phrases: ['丝绒哑光口红 #316', '316'] },
    { value: '3289114476201230002', tid: '3289114476201230002', label: '双面羊毛大衣 · 待发货 · 11月20日', phrases: ['双面羊毛大衣', '驼色', 'M'] },
    { value: '3289114476201230004', tid: '3289114476201230004', label: '小满纯棉圆领T恤 · 已发货 · 11月19日', phrases: ['小满纯棉圆领T恤', '白色', 'M'] },
    { value: '3289114476201230008', tid: '3289114476201230008', label: '小满纯棉圆领T恤等2件 · 交易成功 · 10月30日', phrases: ['小满纯棉圆领T恤', '黑色', 'M', '丝绒哑光口红 #316'] },
  ],
};
const actions = choice([
  { value: 'logistics', label: '查物流', intents: ['logistics_query', 'not_received'] },
  { value: 'refund', label: '退货退款', intents: ['refund_request', 'return_request'] },
  { value: 'exchange', label: '换货', intents: ['exchange_request'] },
]);

const pick = (question: Question, text: string, extra: { orderIds?: string[]; intent?: string; confidence?: number } = {}) => resolveAnswer(question, { text, ...extra });

describe('yes and no, typed (only where the options say which is which)', () => {
  it.each(['可以', '行', '嗯', '嗯嗯', '好的', '好', '对', '是的', '是', '要', 'ok', 'OK', '好的好的', '可以的谢谢', '嗯呢', '行吧', '没问题', '👌', '恩恩', '好滴', '是滴', 'Ｏｋ'])('%s → yes', (text) => {
    expect(yesNo(text)).toBe('yes');
    expect(pick(yesNoQuestion, text)).toEqual({ status: 'picked', value: 'yes', how: 'yesno' });
  });

  it.each(['不用了', '不要', '不是', '不对', '没有', 'no', 'No', '不用了谢谢', '不是的', '不行', '不需要', '还没', '木有', '不要不要'])('%s → no', (text) => {
    expect(yesNo(text)).toBe('no');
    expect(pick(yesNoQuestion, text)).toEqual({ status: 'picked', value: 'no', how: 'yesno' });
  });

  it.each(['算了', '取消', '转人工', '发什么快递', '可以便宜点吗', '不知道', '好贵'])('%s is neither (算了 cancels the flow instead)', (text) => {
    expect(yesNo(text)).toBeUndefined();
  });

  it('a yes/no word picks nothing where no option is marked yes or no', () => {
    expect(pick(skus, '好的')).toEqual({ status: 'none' });
    expect(pick(skus, '不要')).toEqual({ status: 'none' });
  });

  it('"好的" takes the only option on offer', () => {
    expect(pick(choice([{ value: 'sneaker_40', label: '白色 / 40' }]), '好的')).toEqual({ status: 'picked', value: 'sneaker_40', how: 'yesno' });
    expect(pick(choice([{ value: 'sneaker_40', label: '白色 / 40' }]), '就这个吧')).toEqual({ status: 'picked', value: 'sneaker_40', how: 'yesno' });
  });

  it('the option’s own words beat a bare yes/no reading: 没穿过 (yes) is not 穿过 (no)', () => {
    expect(pick(yesNoQuestion, '没穿过')).toMatchObject({ status: 'picked', value: 'yes' });
    expect(pick(yesNoQuestion, '穿过一次')).toMatchObject({ status: 'picked', value: 'no' });
    expect(pick(yesNoQuestion, '吊牌还在')).toMatchObject({ status: 'picked', value: 'yes' });
  });
});

describe('positions', () => {
  it.each([
    ['第二个', 2],
    ['2', 2],
    ['二', 2],
    ['第2个', 2],
    ['２', 2],
    ['第一单', 1],
    ['选第三个吧', 3],
    ['最后一个', 4],
    ['最后那个', 4],
    ['倒数第二个', 3],
    ['第4', 4],
  ])('%s → option %i of 4', (text, n) => {
    expect(position(text, 4)).toBe(n);
  });

  it.each(['第五个', '5', '0', '第二十个', '大的'])('%s is not a position among 4', (text) => {
    expect(position(text, 4)).toBeUndefined();
  });

  it('"最新那单" is the first of the orders (offered newest first), only for orders', () => {
    expect(position('最新那单', 4, 'order')).toBe(1);
    expect(position('最近的那个', 4, 'order')).toBe(1);
    expect(position('最近买的那个', 4, 'order')).toBe(1);
    expect(position('刚下的那单', 4, 'order')).toBe(1);
    expect(position('最新那单', 4, 'choice')).toBeUndefined();
  });

  it('a number that is an option’s own label is that option, not a position', () => {
    expect(pick(shoes, '40')).toMatchObject({ status: 'picked', value: 'sneaker_40' });
    expect(pick(shoes, '2')).toEqual({ status: 'picked', value: 'sneaker_41', how: 'position' });
  });
});

describe('fragments that name one option', () => {
  it.each([
    ['L码', 'tee_white_l'],
    ['l', 'tee_white_l'],
    ['XL的', 'tee_white_xl'],
    ['黑色的', 'tee_black_m'],
    ['黑的', 'tee_black_m'],
    ['要黑色那个', 'tee_black_m'],
    ['换成黑色的吧', 'tee_black_m'],
    ['白色L', 'tee_white_l'],
    ['白色的L码', 'tee_white_l'],
    ['黑色的有吗', 'tee_black_m'],
    ['M', 'tee_black_m'],
  ])('%s → %s', (text, value) => {
    expect(pick(skus, text)).toMatchObject({ status: 'picked', value });
  });

  it('L is not XL, and XL is not L (letters are matched whole)', () => {
    expect(byFragment('L码', skus.options)).toEqual(['tee_white_l']);
    expect(byFragment('xl码', skus.options)).toEqual(['tee_white_xl']);
  });

  it('a fragment several options share is ambiguous: 白色 of three', () => {
    expect(pick(skus, '白色的')).toEqual({ status: 'ambiguous', values: ['tee_white_s', 'tee_white_l', 'tee_white_xl'] });
  });

  it.each([
    ['那件大衣', '3289114476201230002'],
    ['大衣那单', '3289114476201230002'],
    ['羊毛大衣', '3289114476201230002'],
    ['交易成功那单', '3289114476201230008'],
    ['待发货的', '3289114476201230002'],
  ])('orders: %s → %s', (text, tid) => {
    expect(pick(orders, text)).toMatchObject({ status: 'picked', value: tid });
  });

  it('orders: 口红 is in two orders, T恤 in two: ambiguous', () => {
    expect(pick(orders, '口红那单')).toEqual({ status: 'ambiguous', values: ['3289114476201230006', '3289114476201230008'] });
    expect(pick(orders, 'T恤')).toMatchObject({ status: 'ambiguous' });
  });

  it.each(['发什么快递', '衣服质量太差了', '我要开发票', '鞋子', '色', 'asdf'])('%s names nothing', (text) => {
    expect(pick(skus, text)).toEqual({ status: 'none' });
    expect(pick(orders, text).status).not.toBe('picked');
  });

  it('phrases come from the label split at its separators, without filler', () => {
    expect(phrasesOf({ value: 'x', label: '不喜欢/不想要了' })).toEqual(expect.arrayContaining(['不喜欢', '不想要了']));
    expect(phrasesOf({ value: 'x', label: '白色 / L' })).toEqual(expect.arrayContaining(['白色', 'l']));
  });
});

describe('order ids', () => {
  it('a pasted id of an offered order picks it', () => {
    expect(pick(orders, '3289114476201230004', { orderIds: ['3289114476201230004'] })).toEqual({ status: 'picked', value: '3289114476201230004', how: 'order' });
  });

  it('an id not offered is passed on (the picker checks it is the buyer’s)', () => {
    expect(pick(orders, '订单号3289114476201230011', { orderIds: ['3289114476201230011'] })).toEqual({ status: 'order', tid: '3289114476201230011' });
  });

  it('an order id is no answer to a question that is not about orders', () => {
    expect(pick(skus, '3289114476201230011', { orderIds: ['3289114476201230011'] })).toEqual({ status: 'none' });
  });
});

describe('intents that stand for an option', () => {
  it('想退 → 退货退款 when the recognizer is sure enough', () => {
    expect(pick(actions, '想退', { intent: 'return_request', confidence: 0.9 })).toEqual({ status: 'picked', value: 'refund', how: 'intent' });
    expect(pick(actions, '想退', { intent: 'return_request', confidence: 0.3 })).toEqual({ status: 'none' });
  });

  it('a fragment wins over the intent; labels win over everything', () => {
    expect(pick(actions, '换货', { intent: 'refund_request', confidence: 0.9 })).toEqual({ status: 'picked', value: 'exchange', how: 'label' });
  });
});

describe('nothing typed', () => {
  it('empty or punctuation only is no answer', () => {
    expect(pick(skus, '')).toEqual({ status: 'none' });
    expect(pick(skus, '？？')).toEqual({ status: 'none' });
  });

  it('compact: width, script and case folded, punctuation gone', () => {
    expect(compact('白色 / Ｌ碼！')).toBe('白色l码');
  });
});

describe('asking to go back to a paused flow', () => {
  it.each(['继续', '继续吧', '继续刚才的', '回到刚才', '回到刚才的问题', '刚才那个', '接着办', '继续换货', '还是继续换货吧', '回到换货', '返回'])('%s resumes 换货', (text) => {
    expect(isResumeRequest(text, ['换货'])).toBe(true);
  });

  it.each(['继续退款', '我要换货', '换货', '回复', '继续等', '好的', ''])('%s does not', (text) => {
    expect(isResumeRequest(text, ['换货'])).toBe(false);
  });
});

describe('calling it off in words', () => {
  it.each([
    ['算了', true],
    ['取消吧', true],
    ['不开了', true],
    ['不需要', false],
    ['不用', false],
    ['没有', false],
  ])('%s → %s', (text, yes) => {
    expect(asksToStop(text)).toBe(yes);
  });
});

describe('asking for a person in words', () => {
  it.each([
    ['转人工', true],
    ['我要真人', true],
    ['找你们客服', true],
    ['个人', false],
    ['张小满', false],
  ])('%s → %s', (text, yes) => {
    expect(asksForPerson(text)).toBe(yes);
  });
});
