import { describe, expect, it } from 'vitest';
import { toPricedItem } from '../../../bot/orders/catalogue.js';
import { DEMO_ITEMS } from '../../../bot/orders/demo/fixtures.js';
import { compareItems, compareSkus } from '../../../knowledge/policy/compare.js';
import { kb } from '../../support/knowledge.js';

const HOODIE = '681250339472';
const priced = (id: string) => toPricedItem(DEMO_ITEMS.find((i) => i.itemId === id)!);

describe('compareItems: facts side by side', () => {
  const c = compareItems(kb.catalogue, 'item_tee', HOODIE)!;
  const row = (kind: string, key: string) => c.rows.find((r) => r.kind === kind && r.key === key);

  it('puts each fact of either item in a row, with its source, and marks what is the same', () => {
    expect(c.a).toEqual({ itemId: 'item_tee', name: '纯棉圆领T恤' });
    expect(row('category', 'category')).toMatchObject({ same: true });
    expect(row('attribute', 'material')).toMatchObject({
      same: false,
      a: { source: { file: 'knowledge/catalogue/item_tee.yaml', field: 'attributes.material' } },
      b: { source: { file: `knowledge/catalogue/${HOODIE}.yaml`, field: 'attributes.material' } },
    });
    expect(row('attribute', 'origin')).toMatchObject({ same: true });
  });

  it('shows a fact one side lacks as missing, never filled in', () => {
    expect(row('spec', '帽子')).toMatchObject({ a: undefined, same: false });
    expect(row('spec', '帽子')?.b?.value).toBe('双层帽，带抽绳');
    expect(row('attribute', 'shelfLife')).toBeUndefined();
  });

  it("brings the shop's notes comparing the two, from both files", () => {
    expect(c.notes.map((n) => n.source)).toEqual([
      { file: 'knowledge/catalogue/item_tee.yaml', field: 'notes.0' },
      { file: `knowledge/catalogue/${HOODIE}.yaml`, field: 'notes.0' },
    ]);
  });

  it('compares suitability and what is in the box', () => {
    const shoes = compareItems(kb.catalogue, 'item_sneaker', '702918845361')!;
    expect(shoes.rows.find((r) => r.kind === 'inBox')?.same).toBe(false);
    expect(shoes.notes).toHaveLength(1);
    const skin = compareItems(kb.catalogue, '715566021483', '715566021590')!;
    expect(skin.rows.find((r) => r.kind === 'suitability' && r.key === 'pregnant')).toMatchObject({ a: { value: { suitable: true } }, b: undefined });
  });

  it('is undefined for an item without a catalogue file', () => {
    expect(compareItems(kb.catalogue, 'item_tee', 'no_such_item')).toBeUndefined();
  });
});

describe('compareSkus: M码和L码有什么区别', () => {
  it('sizes: property, price, the chart rows and the garment side by side', () => {
    const c = compareSkus(kb.catalogue, priced('item_tee'), 'tee_white_m', 'tee_white_l')!;
    expect(c.differences).toEqual([{ property: '尺码', a: 'M', b: 'L' }]);
    expect(c.priceDifference).toBe(0);
    expect(c.sizes?.a).toMatchObject({ value: { size: 'M', heightCm: [163, 170] }, source: { field: 'sizeChart.rows.1' } });
    expect(c.sizes?.garment).toContainEqual({ name: '衣长', a: 69, b: 72 });
    expect(c.notes.map((n) => n.value.text)).toEqual([expect.stringContaining('本白色')]);
    expect(c.a.stock).toBe(30);
    expect(c.b.stock).toBe(1);
  });

  it('a dearer size, with the note that says why', () => {
    const c = compareSkus(kb.catalogue, priced('item_tee'), 'tee_white_xl', 'tee_white_xxl')!;
    expect(c.priceDifference).toBe(1000);
    expect(c.notes.map((n) => n.source.field)).toEqual(['notes.1', 'notes.3']);
  });

  it('colours only: no size rows', () => {
    const c = compareSkus(kb.catalogue, priced('item_tee'), 'tee_white_m', 'tee_black_m')!;
    expect(c.differences).toEqual([{ property: '颜色', a: '白色', b: '黑色' }]);
    expect(c.sizes).toBeUndefined();
  });

  it('an item without a size chart', () => {
    const c = compareSkus(kb.catalogue, priced('715566021483'), 'cleanser_100', 'cleanser_150')!;
    expect(c).toMatchObject({ differences: [{ property: '规格', a: '100g', b: '150g' }], priceDifference: 3000, sizes: undefined });
    expect(c.notes).toHaveLength(1);
  });

  it('is undefined for a SKU of another item', () => {
    expect(compareSkus(kb.catalogue, priced('item_tee'), 'tee_white_m', 'sneaker_41')).toBeUndefined();
  });
});
