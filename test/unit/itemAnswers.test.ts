/** Answers about one item from its data: stock, price and multi-buy, comparisons, suitability, box, specs, any other fact. */
import { describe, expect, it } from 'vitest';
import { comparisonAnswer, factAnswer, inBoxAnswer, recommendationAnswer, specAnswer, suitabilityAnswer } from '../../dialogs/itemAnswers.js';
import { asksStock, priceAnswer, skuComparisonAnswer, stockAnswer, wishOf } from '../../dialogs/skuAnswers.js';
import { toPricedItem } from '../../bot/orders/catalogue.js';
import { DEMO_ITEMS } from '../../bot/orders/demo/fixtures.js';
import { Templates } from '../../templates/templates.js';
import { at, kb } from '../support/knowledge.js';

const deps = { templates: await Templates.load(), knowledge: kb };
const now = at('2026-11-23 10:00');
const skusOf = (itemId: string) => toPricedItem(DEMO_ITEMS.find((i) => i.itemId === itemId)!);
const tee = { itemId: 'item_tee', skus: skusOf('item_tee') };
const text = (answer: { sentences: string[] } | undefined) => answer?.sentences.join('\n') ?? '';

describe('stock per SKU (item_tee: 黑色L sold out, 灰色 delisted, 白色L one left)', () => {
  it.each([
    ['有货吗', true],
    ['黑色L还有吗', true],
    ['有黑色吗', true],
    ['XL有木有', true],
    ['灰色什么时候补货', false], // when it comes back: the restock answer, not stock now
    ['有荧光剂吗', false], // 有…吗 without a size or colour asks about the item, not its stock
  ])('"%s" asks about stock: %s', (question, asked) => {
    expect(asksStock(question, now)).toBe(asked);
  });

  it.each([
    ['黑色L还有吗', /黑色 L暂时卖完了.*黑色 \/ M/],
    ['白色L有吗', /白色 L有货，不过只剩1件了/],
    ['有XL吗', /XL有货/],
    ['有货吗', /缺货的是：黑色 \/ L/],
    ['有红色的吗', /没有红色这个款式/],
  ])('%s → %s', (question, expected) => {
    const answer = stockAnswer(deps, question, tee, now);
    expect(text(answer)).toMatch(expected);
    expect(answer.handOff).toBe(false);
  });

  it('without the order system\'s item it asks a person rather than guess', () => {
    expect(stockAnswer(deps, '有货吗', { itemId: 'item_tee' }, now).handOff).toBe(true);
  });

  it('reads a SKU by its own value: "2XL" is XXL, "500ml的" is the 500ml cup', () => {
    expect(wishOf('白色2XL', tee.skus, now).wanted).toEqual({ 颜色: '白色', size: '2XL' });
    expect(text(stockAnswer(deps, '白色2XL有吗', tee, now))).toContain('有货');
    const cup = skusOf('733104958937');
    const value = cup.skus.map((s) => Object.values(s.properties)).flat().find((v) => v.includes('500'))!;
    expect(Object.values(wishOf('500的还有吗', cup, now).wanted)).toEqual([value]);
  });
});

describe('price and multi-buy totals at 2026-11-23 10:00', () => {
  it('gives the usual price and the SKUs priced otherwise', () => {
    expect(text(priceAnswer(deps, '多少钱', tee, now))).toMatch(/¥199\.00一件（白色 \/ XXL ¥209\.00）/);
  });

  it('adds up N of one SKU with the 满减 and coupon that apply, postage and the next tier', () => {
    const nuts = { itemId: '730415562281', skus: skusOf('730415562281') };
    const said = text(priceAnswer(deps, '买5袋多少钱', nuts, now));
    expect(said).toContain('买5袋');
    expect(said).toContain('店铺满减减¥20.00');
    expect(said).toContain('送不锈钢山核桃剥壳器一个');
    expect(said).toMatch(/合计¥\d+\.\d\d/);
  });

  it('takes the quantity outside the SKU\'s own name ("24包的拍5份" is 5, not 24)', () => {
    const tissue = { itemId: '746620315004', skus: skusOf('746620315004') };
    expect(text(priceAnswer(deps, '24包的拍5份多少钱', tissue, now))).toContain('买5份');
  });

  it('is no price question when none is asked, nor when promotions are asked without a quantity', () => {
    expect(priceAnswer(deps, '一包多少抽', tee, now)).toBeUndefined();
    expect(priceAnswer(deps, '有什么优惠', tee, now)).toBeUndefined();
  });
});

describe('comparisons', () => {
  it('two items: the shop\'s own note comparing them', () => {
    const said = text(comparisonAnswer(deps, '卫衣和T恤有啥区别'));
    expect(said).toContain('重磅连帽卫衣');
    expect(said).toContain('200g');
  });

  it('two items the shop wrote no note comparing: the facts that differ', () => {
    const said = text(comparisonAnswer(deps, '马克杯和保温杯有啥区别'));
    expect(said).toMatch(/(刻字定制陶瓷马克杯|316不锈钢保温杯)和(刻字定制陶瓷马克杯|316不锈钢保温杯)的区别/);
    expect(said).toMatch(/材质：\S+是高温陶瓷|材质：\S+是内胆316不锈钢/);
  });

  it('the item named against the one in view', () => {
    expect(text(comparisonAnswer(deps, '和卫衣有啥区别', { itemId: '681250339472', other: 'item_tee' }))).toContain('纯棉圆领T恤');
  });

  it('two sizes of one item: garment measurements side by side and the price', () => {
    const said = text(skuComparisonAnswer(deps, 'M码和L码有什么区别', tee));
    expect(said).toContain('衣长69cm和72cm');
    expect(said).toContain('价格一样');
  });
});

describe('what the shop wrote, and nothing else', () => {
  it('suitability as written, or a person asked when the shop wrote nothing for that audience', () => {
    expect(text(suitabilityAnswer(deps, 'item_tee', 'sensitive_skin'))).toContain('适合敏感肌');
    expect(suitabilityAnswer(deps, 'item_tee', 'pregnant').handOff).toBe(true);
  });

  it('what is in the box, a named spec', () => {
    expect(text(inBoxAnswer(deps, '包装里有啥', 'item_tee'))).toContain('防尘袋');
    expect(text(specAnswer(deps, '保温杯多大容量', '759013662355'))).toContain('容量');
    expect(specAnswer(deps, '能带上飞机吗', '759013662355')).toBeUndefined();
  });

  it('any other fact by similarity: the care line for "能烘干吗", nothing for an unrelated question', () => {
    expect(text(factAnswer(deps, '能烘干吗', 'item_tee'))).toContain('不可烘干');
    expect(text(factAnswer(deps, '有荧光剂吗', 'item_tee'))).toContain('不含荧光增白剂');
    expect(factAnswer(deps, '能带上飞机吗', 'item_tee')).toBeUndefined();
    expect(factAnswer(deps, '晒伤了能用吗', '715566021590')).toBeUndefined();
  });

  it('recommends only items the shop says suit the stated need', () => {
    const answer = recommendationAnswer(deps, '送老人推荐哪款');
    expect(text(answer)).toContain('硅藻泥软地垫');
    expect(answer.handOff).toBe(false);
    expect(recommendationAnswer(deps, '推荐一款').handOff).toBe(true);
  });

  it('recommends by another need the item whose own facts hold it, and nothing the shop does not sell', () => {
    expect(text(recommendationAnswer(deps, '家里浴室地滑 买点啥好'))).toContain('硅藻泥软地垫');
    expect(recommendationAnswer(deps, '推荐个防晒霜').handOff).toBe(true);
  });
});
