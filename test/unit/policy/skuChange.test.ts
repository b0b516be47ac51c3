import { describe, expect, it } from 'vitest';
import { DEMO_ITEMS } from '../../../bot/orders/demo/fixtures.js';
import { adjacentSize, sizeOrder, skuChangeBeforeShipment, wantedSku, type SizeDirection, type SkuWish } from '../../../knowledge/policy/skuChange.js';
import type { StockSku } from '../../../knowledge/policy/stock.js';

const item = (id: string) => DEMO_ITEMS.find((i) => i.itemId === id)!;
const hoodie = item('681250339472'); // M L XL XXL in 黑色 and 燕麦色; 黑色 XXL sold out
const tee = item('item_tee'); // S…XXL; XXL costs ¥209
const sneaker = item('item_sneaker'); // 39…43
const lipstick = item('item_lipstick'); // one property, 色号
const ordered = (it: typeof hoodie, skuId: string) => ({ itemId: it.itemId, skuId, properties: it.skus.find((s) => s.skuId === skuId)!.properties });
const HOODIE_CHART = ['M', 'L', 'XL', 'XXL'];

describe('sizeOrder: smallest first', () => {
  it.each<[string, string[], string[] | undefined, string[]]>([
    ['letters, shuffled', ['XL', 'S', 'XXL', 'M', 'L'], undefined, ['S', 'M', 'L', 'XL', 'XXL']],
    ['2XL reads as XXL', ['2XL', 'XL', '3XL'], undefined, ['XL', '2XL', '3XL']],
    ['shoe sizes by number', ['42', '39', '40.5', '40'], undefined, ['39', '40', '40.5', '42']],
    ['the chart decides when it has every size', ['大童', '小童', '中童'], ['小童', '中童', '大童'], ['小童', '中童', '大童']],
    ['a chart missing a size: by letter instead', ['L', 'M', 'XS'], ['M', 'L'], ['XS', 'M', 'L']],
    ['duplicates once', ['M', 'M', 'L'], undefined, ['M', 'L']],
  ])('%s', (_name, sizes, chart, expected) => {
    expect(sizeOrder(sizes, chart)).toEqual(expected);
  });
});

describe('adjacentSize: 小一码 / 大一码 from the ordered SKU', () => {
  it.each<[string, StockSku[], Record<string, string>, SizeDirection, ReturnType<typeof adjacentSize>]>([
    ['黑色 XL, one down: 黑色 L', hoodie.skus, { 颜色: '黑色', 尺码: 'XL' }, 'smaller', { kind: 'size', size: 'L', wanted: { 颜色: '黑色', 尺码: 'L' } }],
    ['黑色 XL, one up: 黑色 XXL, sold out or not', hoodie.skus, { 颜色: '黑色', 尺码: 'XL' }, 'larger', { kind: 'size', size: 'XXL', wanted: { 颜色: '黑色', 尺码: 'XXL' } }],
    ['M is the smallest hoodie', hoodie.skus, { 颜色: '燕麦色', 尺码: 'M' }, 'smaller', { kind: 'edge', size: 'M' }],
    ['XXL is the largest', hoodie.skus, { 颜色: '燕麦色', 尺码: 'XXL' }, 'larger', { kind: 'edge', size: 'XXL' }],
    ['鞋码 41 one up: 42', sneaker.skus, { 颜色: '白色', 鞋码: '41' }, 'larger', { kind: 'size', size: '42', wanted: { 颜色: '白色', 鞋码: '42' } }],
    ['across colours: black tee M one up is L', tee.skus, { 颜色: '黑色', 尺码: 'M' }, 'larger', { kind: 'size', size: 'L', wanted: { 颜色: '黑色', 尺码: 'L' } }],
    ['no size property: a lipstick', lipstick.skus, { 色号: '316' }, 'larger', { kind: 'no_sizes' }],
  ])('%s', (_name, skus, from, direction, expected) => {
    expect(adjacentSize(skus, from, direction, HOODIE_CHART)).toEqual(expected);
  });
});

describe('wantedSku: the SKU the words ask for', () => {
  const xl = ordered(hoodie, 'hoodie_black_xl');
  const summary = (wish: SkuWish, from = xl, it = hoodie) => {
    const w = wantedSku(it, from, wish, HOODIE_CHART);
    return w.kind === 'sku' ? { kind: w.kind, status: w.stock.status, target: w.stock.matches.map((m) => m.skuId), alternatives: w.stock.alternatives.map((s) => s.skuId) } : w;
  };
  it.each<[string, SkuWish, object]>([
    ['XL换成L: the black L, in stock', { size: 'L' }, { kind: 'sku', status: 'in_stock', target: ['hoodie_black_l'], alternatives: [] }],
    ['换燕麦色: the size stays XL', { colour: '燕麦色' }, { kind: 'sku', status: 'in_stock', target: ['hoodie_oat_xl'], alternatives: [] }],
    ['小一码: black L', { sizeStep: 'smaller' }, { kind: 'sku', status: 'in_stock', target: ['hoodie_black_l'], alternatives: [] }],
    ['大一码: black XXL is sold out; oat XXL first, then black M/L, never the ordered XL', { sizeStep: 'larger' }, { kind: 'sku', status: 'out_of_stock', target: ['hoodie_black_xxl'], alternatives: ['hoodie_oat_xxl', 'hoodie_black_m', 'hoodie_black_l'] }],
    ['a named size wins over a direction', { size: 'M', sizeStep: 'larger' }, { kind: 'sku', status: 'in_stock', target: ['hoodie_black_m'], alternatives: [] }],
    ['换S: the hoodie has no S; black M and L instead', { size: 'S' }, { kind: 'sku', status: 'no_such_sku', target: [], alternatives: ['hoodie_black_m', 'hoodie_black_l'] }],
    ['换黑色: already black XL', { colour: '黑色' }, { kind: 'same_sku' }],
    ['换成那件T恤: another item (R11)', { mentionedItemIds: ['item_tee'] }, { kind: 'other_item', ruleIds: ['R11'] }],
    ['这件卫衣换L: the ordered item named, then the size', { size: 'L', mentionedItemIds: ['681250339472'] }, { kind: 'sku', status: 'in_stock', target: ['hoodie_black_l'], alternatives: [] }],
    ['nothing said', {}, { kind: 'unspecified' }],
  ])('%s', (_name, wish, expected) => {
    expect(summary(wish)).toEqual(expected);
  });

  it('the largest size and one up: the edge, named', () => {
    expect(wantedSku(hoodie, ordered(hoodie, 'hoodie_oat_xxl'), { sizeStep: 'larger' })).toEqual({ kind: 'edge', direction: 'larger', size: 'XXL' });
  });

  it('a size for an item without sizes (a lipstick) is no SKU of it', () => {
    expect(wantedSku(lipstick, ordered(lipstick, 'lipstick_316'), { size: 'M' })).toMatchObject({ kind: 'sku', stock: { status: 'no_such_sku', matches: [] } });
  });
});

describe('skuChangeBeforeShipment (F8): who changes it, and the price difference', () => {
  it.each<[string, 'unpaid' | 'not_printed' | 'printed', number, number, number, string, number]>([
    ['not printed: the shop edits it', 'not_printed', 25900, 1, 25900, 'edit_directly', 0],
    ['printed: the print is voided and the order audited again', 'printed', 19900, 1, 20900, 'void_print_and_reaudit', 1000],
    ['unpaid: cancel and order the right one', 'unpaid', 19900, 2, 19900, 'rebuy', 0],
    ['cheaper, two of them: the shop refunds the difference', 'not_printed', 47900, 2, 45900, 'edit_directly', -4000],
  ])('%s', (_name, stage, price, quantity, targetPrice, handling, difference) => {
    expect(skuChangeBeforeShipment(stage, { price, quantity }, { price: targetPrice })).toEqual({ handling, priceDifference: difference });
  });
});
