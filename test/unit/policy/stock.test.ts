import { describe, expect, it } from 'vitest';
import { DEMO_ITEMS } from '../../../bot/orders/demo/fixtures.js';
import { normalValue, stockOf, type StockStatus } from '../../../knowledge/policy/stock.js';

const item = (id: string) => DEMO_ITEMS.find((i) => i.itemId === id)!;
const tee = item('item_tee');
const sneaker = item('item_sneaker');
const lipstick = item('item_lipstick');

describe('stockOf: 有货吗 per SKU', () => {
  it.each<[string, typeof tee, Record<string, string>, StockStatus, number, string[], string[]]>([
    ['白色 M', tee, { 颜色: '白色', 尺码: 'M' }, 'in_stock', 30, ['tee_white_m'], []],
    ['黑色 L: on sale, none left; black M or white L instead', tee, { 颜色: '黑色', 尺码: 'L' }, 'out_of_stock', 0, ['tee_black_l'], ['tee_white_l', 'tee_black_m']],
    ['灰色 M (generic names, lower case): delisted', tee, { colour: '灰', size: 'm' }, 'off_sale', 0, ['tee_grey_m'], ['tee_white_m', 'tee_black_m']],
    ['L码 in any colour: the last white one', tee, { 尺码: 'L码' }, 'in_stock', 1, ['tee_white_l', 'tee_black_l'], []],
    ['黑 (without 色)', tee, { 颜色: '黑' }, 'in_stock', 9, ['tee_black_m', 'tee_black_l'], []],
    ['红色: no such SKU', tee, { 颜色: '红色' }, 'no_such_sku', 0, [], ['tee_white_s', 'tee_white_m', 'tee_white_l', 'tee_white_xl', 'tee_white_xxl', 'tee_black_m']],
    ['a property the item does not have', tee, { 材质: '棉' }, 'no_such_sku', 0, [], []],
    ['nothing asked: the whole item', tee, {}, 'in_stock', 65, tee.skus.map((s) => s.skuId), []],
    ['鞋码 42 via "size": white sold out, black has 2', sneaker, { size: '42' }, 'in_stock', 2, ['sneaker_42', 'sneaker_black_42'], []],
    ['白色 42码: sold out, 41 and black 42 instead', sneaker, { 颜色: '白色', 鞋码: '42码' }, 'out_of_stock', 0, ['sneaker_42'], ['sneaker_41', 'sneaker_43', 'sneaker_black_42', 'sneaker_39', 'sneaker_40'].sort()],
    ['色号 316 via "colour"', lipstick, { colour: '316' }, 'in_stock', 40, ['lipstick_316'], []],
  ])('%s', (_name, it_, wanted, status, available, matches, alternatives) => {
    const answer = stockOf(it_, wanted);
    expect(answer.status).toBe(status);
    expect(answer.available).toBe(available);
    expect(answer.matches.map((m) => m.skuId)).toEqual(matches);
    expect(answer.alternatives.map((s) => s.skuId).sort()).toEqual([...alternatives].sort());
  });

  it('reports the wanted properties the item lacks', () => {
    expect(stockOf(tee, { 材质: '棉', 颜色: '白色' }).unknownProperties).toEqual(['材质']);
  });

  it.each([
    ['Ｌ码', 'L'],
    [' xl ', 'XL'],
    ['40号', '40'],
    ['黑色', '黑'],
  ])('normalValue(%s) = %s', (given, expected) => {
    expect(normalValue(given)).toBe(expected);
  });
});
