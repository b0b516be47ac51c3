import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../bot/nlu/dataset.js';
import { extractEntities } from '../../bot/nlu/entities.js';
import { createRecognizer, type Recognizer } from '../../bot/nlu/index.js';
import { evaluate } from '../../bot/nlu/metrics.js';
import { at } from '../support/knowledge.js';

let recognizer: Recognizer;
beforeAll(async () => {
  recognizer = await createRecognizer();
});

describe('recognizer', () => {
  it.each([
    ['咋还不发货啊', 'urge_shipping'],
    ['衣服小了换个L', 'exchange_request'],
    ['你们这是假货吧', 'authenticity'],
    ['订单号 3289114476201234567 退款', 'refund_request'],
    ['轉人工', 'human_agent'],
    ['你們這是假貨吧', 'authenticity'],
    ['怎麼還不發貨啊！！！😡', 'urge_shipping'],
    ['发票 🙏🙏', 'invoice'],
  ])('%s → %s (simplified, traditional, emoji, punctuation)', (text, intent) => {
    expect(recognizer.recognize(text).intent).toBe(intent);
  });

  it('says "none" with full confidence for text with nothing it knows', () => {
    expect(recognizer.recognize('😊😊😊')).toMatchObject({ intent: 'none', confidence: 1 });
  });

  it('ranks up to three intents, most likely first, with confidences in 0..1', () => {
    const { ranking, confidence } = recognizer.recognize('退货还是换货好');
    expect(ranking.length).toBeGreaterThan(1);
    expect(ranking.length).toBeLessThanOrEqual(3);
    expect(ranking[0]!.score).toBe(confidence);
    expect(ranking.map((r) => r.score)).toEqual([...ranking.map((r) => r.score)].sort((a, b) => b - a));
  });
});

describe('entities', () => {
  const now = at('2026-11-22 15:00');
  it.each([
    ['订单号 3289114476201234567 退款', { orderIds: ['3289114476201234567'] }],
    ['手机13812345678 订单3289114476201234567', { orderIds: ['3289114476201234567'] }],
    ['退我 ¥59.7', { amountYuan: 59.7 }],
    ['少退了30块钱', { amountYuan: 30 }],
    ['衣服小了换个L', { size: 'L' }],
    ['换XXL码', { size: 'XXL' }],
    ['鞋子换40码', { size: '40码' }],
    ['有均码吗', { size: '均码' }],
    ['换成黑色的', { colour: '黑色' }],
    ['想要藏青', { colour: '藏青色' }],
    ['买了两件', { quantity: 2 }],
    ['少了3个', { quantity: 3 }],
    ['不退了', { negation: true }],
    ['算了算了', { negation: true }],
    ['我要退款', { negation: false }],
    ['别再提醒我付款了', { stopReminders: true }],
    ['不要再催了', { stopReminders: true }],
    ['退订', { stopReminders: true }],
    ['提醒我一下发货时间', { stopReminders: false }],
  ])('%s', (text, expected) => {
    expect(extractEntities(text, now)).toMatchObject(expected);
  });

  it.each([
    ['昨天签收的', '昨天', '2026-11-21 00:00'],
    ['3天前下的单', '3天前', '2026-11-19 00:00'],
    ['两个小时前付的款', '两个小时前', '2026-11-22 13:00'],
    ['11月20号收到的', '11月20号', '2026-11-20 00:00'],
    ['12月1日买的', '12月1日', '2025-12-01 00:00'],
  ])('date in "%s"', (text, matched, when) => {
    expect(extractEntities(text, now).date).toEqual({ text: matched, at: at(when) });
  });

  it('does not read a size out of words like "cm"', () => {
    expect(extractEntities('腰围80cm', now).size).toBeUndefined();
  });
});

describe('intent examples and evaluation', () => {
  it('every intent has at least 40 training and 15 held-out examples, none shared', async () => {
    const { train, test } = await loadDataset();
    const trainTexts = new Set(train.map((e) => e.text));
    expect(test.filter((e) => trainTexts.has(e.text))).toEqual([]);
    expect(train.length).toBeGreaterThanOrEqual(20 * 40);
    expect(test.length).toBeGreaterThanOrEqual(20 * 15);
  });

  it('computes precision, recall, F1 and confusions', () => {
    const e = evaluate([
      { expected: 'invoice', predicted: 'invoice' },
      { expected: 'invoice', predicted: 'refund_request' },
      { expected: 'refund_request', predicted: 'refund_request' },
    ]);
    const invoice = e.perIntent.find((s) => s.intent === 'invoice')!;
    expect(invoice).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(e.perIntent.find((s) => s.intent === 'refund_request')).toMatchObject({ precision: 0.5, recall: 1 });
    expect(e.confusions).toEqual([{ expected: 'invoice', predicted: 'refund_request', count: 1 }]);
    expect(e.accuracy).toBeCloseTo(2 / 3);
  });
});
