import { describe, expect, it } from 'vitest';
import { hasMeasurements, looksLikeQuestion, mentionsGift, shippingTopics, splitClauses } from '../../dialogs/clauses.js';

describe('splitting a message into clauses', () => {
  it.each([
    ['发什么快递 几天到北京', ['发什么快递', '几天到北京']],
    ['收到了但是少了一件 能退吗', ['收到了', '少了一件', '能退吗']],
    ['发什么快递，几天到北京？', ['发什么快递', '几天到北京']],
    ['能便宜点吗另外有赠品吗', ['能便宜点吗', '有赠品吗']],
    ['包邮吗 顺便问下发什么快递', ['包邮吗', '发什么快递']],
    ['多久发货还有能开发票吗', ['多久发货', '能开发票吗']],
    ['但是少了一件', ['少了一件']],
    ['便宜点我买两件', ['便宜点我买两件']],
    ['还有货吗', ['还有货吗']],
    ['价格3.5元一个', ['价格3.5元一个']],
    ['', []],
  ])('%s → %j', (text, clauses) => {
    expect(splitClauses(text)).toEqual(clauses);
  });

  it('keeps a pasted number with spaces and a link whole', () => {
    expect(splitClauses('4887 8384 8372 6167 513 还没发货')).toEqual(['4887838483726167513', '还没发货']);
    expect(splitClauses('https://item.taobao.com/item.htm?id=675079102498 有货吗')).toEqual(['https://item.taobao.com/item.htm?id=675079102498', '有货吗']);
  });

  it('traditional characters and full-width punctuation', () => {
    expect(splitClauses('發什麼快遞？幾天到北京')).toEqual(['发什么快递', '几天到北京']);
  });
});

describe('question or request', () => {
  it.each(['能开发票吗', '发票怎么开', '包邮不', '有没有赠品', '可以开专票么', '几天到', '开胶了管不管', '这个好不好用', '可不可以刻字', '一只多重', '包装里有几样'])('%s is a question', (text) => {
    expect(looksLikeQuestion(text)).toBe(true);
  });

  it.each(['我要开发票', '开个发票', '衣服小了', '帮我退款', '不管了', '几乎全新'])('%s is not', (text) => {
    expect(looksLikeQuestion(text)).toBe(false);
  });
});

describe('what a shipping question asks', () => {
  it.each([
    ['发什么快递', ['courier']],
    ['能发顺丰吗', ['courier']],
    ['几天到北京', ['transit']],
    ['到石家庄要几天', ['transit']],
    ['包邮吗', ['postage']],
    ['两件包邮不', ['postage']],
    ['今天拍今天能发吗', ['dispatch']],
    ['多久发货', ['dispatch']],
    ['发什么快递 几天到北京', ['courier', 'transit']],
    ['顺丰几天到', ['courier', 'transit']],
    ['快递', ['courier']],
  ])('%s → %j', (text, topics) => {
    expect(shippingTopics(text)).toEqual(topics);
  });
});

describe('price and size details', () => {
  it('gifts', () => {
    expect(mentionsGift('有赠品吗')).toBe(true);
    expect(mentionsGift('买两件送什么')).toBe(true);
    expect(mentionsGift('能便宜点吗')).toBe(false);
  });

  it.each([
    ['175cm 70kg', true],
    ['一米七 130斤', true],
    ['身高165', true],
    ['穿L还是XL', false],
  ])('measurements in %s: %s', (text, yes) => {
    expect(hasMeasurements(text)).toBe(yes);
  });
});
