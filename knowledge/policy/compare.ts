/**
 * Facts side by side: two items from their catalogue files ("这两款有什么区别"), or two SKUs of
 * one item from the order system's item and the size chart ("M码和L码有什么区别"). Only what the
 * data says: a row one side lacks is shown as missing, never filled in.
 */
import type { Catalogue } from '../catalogue.js';
import { ATTRIBUTES, AUDIENCES, type BodySizeRow, type CatalogueNote, type FootSizeRow } from '../schema.js';
import type { Sourced } from '../source.js';
import type { Fen } from './money.js';
import { sizeRow } from './sizing.js';
import type { StockSku } from './stock.js';

export type FactValue = string | string[] | { suitable: boolean; note: string };

export interface ComparisonRow {
  kind: 'category' | 'attribute' | 'spec' | 'suitability' | 'inBox';
  /** The attribute, spec name or audience (the kind again for category and inBox). */
  key: string;
  a?: Sourced<FactValue>;
  b?: Sourced<FactValue>;
  same: boolean;
}

export interface ItemComparison {
  a: { itemId: string; name: string };
  b: { itemId: string; name: string };
  rows: ComparisonRow[];
  /** The shop's notes comparing the two (from either file). */
  notes: Sourced<CatalogueNote>[];
}

const equal = (x?: FactValue, y?: FactValue) => JSON.stringify(x) === JSON.stringify(y);

/** Undefined when either item has no catalogue file. */
export function compareItems(catalogue: Catalogue, a: string, b: string): ItemComparison | undefined {
  const ea = catalogue.get(a);
  const eb = catalogue.get(b);
  if (!ea || !eb) return undefined;
  const rows: ComparisonRow[] = [];
  const push = (kind: ComparisonRow['kind'], key: string, va?: Sourced<FactValue>, vb?: Sourced<FactValue>) => {
    if (va || vb) rows.push({ kind, key, a: va, b: vb, same: equal(va?.value, vb?.value) });
  };
  push('category', 'category', { value: ea.category, source: catalogue.source(a, 'category') }, { value: eb.category, source: catalogue.source(b, 'category') });
  for (const attribute of ATTRIBUTES) push('attribute', attribute, catalogue.attribute(a, attribute), catalogue.attribute(b, attribute));
  for (const name of [...new Set([...Object.keys(ea.specs), ...Object.keys(eb.specs)])]) push('spec', name, catalogue.spec(a, name), catalogue.spec(b, name));
  for (const audience of AUDIENCES) push('suitability', audience, catalogue.suitability(a, audience), catalogue.suitability(b, audience));
  push('inBox', 'inBox', catalogue.inBox(a), catalogue.inBox(b));
  return { a: { itemId: a, name: ea.name }, b: { itemId: b, name: eb.name }, rows, notes: catalogue.notes(a, { other: b }) };
}

export interface PricedSku extends StockSku {
  price: Fen;
}

export interface PricedItem {
  itemId: string;
  skus: PricedSku[];
}

export interface SkuComparison {
  a: PricedSku;
  b: PricedSku;
  /** Properties that differ (colour, size…). */
  differences: { property: string; a?: string; b?: string }[];
  /** b's price minus a's. */
  priceDifference: Fen;
  /** The size chart rows of both sizes, and their garment measurements side by side. */
  sizes?: {
    property: string;
    a?: Sourced<BodySizeRow | FootSizeRow>;
    b?: Sourced<BodySizeRow | FootSizeRow>;
    garment: { name: string; a?: number; b?: number }[];
  };
  /** The shop's notes about either SKU. */
  notes: Sourced<CatalogueNote>[];
}

/** Undefined when either SKU is not the item's. */
export function compareSkus(catalogue: Catalogue, item: PricedItem, skuA: string, skuB: string): SkuComparison | undefined {
  const a = item.skus.find((s) => s.skuId === skuA);
  const b = item.skus.find((s) => s.skuId === skuB);
  if (!a || !b) return undefined;
  const names = [...new Set([...Object.keys(a.properties), ...Object.keys(b.properties)])];
  const differences = names.filter((n) => a.properties[n] !== b.properties[n]).map((property) => ({ property, a: a.properties[property], b: b.properties[property] }));

  let sizes: SkuComparison['sizes'];
  const chart = catalogue.sizeChart(item.itemId);
  if (chart && differences.some((d) => d.property === chart.value.property)) {
    const rowOf = (sku: PricedSku): Sourced<BodySizeRow | FootSizeRow> | undefined => {
      const size = sku.properties[chart.value.property];
      const row = size === undefined ? undefined : sizeRow(chart.value, size);
      if (!row) return undefined;
      const index = (chart.value.rows as (BodySizeRow | FootSizeRow)[]).indexOf(row);
      return { value: row, source: catalogue.source(item.itemId, `sizeChart.rows.${index}`) };
    };
    const ra = rowOf(a);
    const rb = rowOf(b);
    const garmentNames = [...new Set([...Object.keys(ra?.value.garment ?? {}), ...Object.keys(rb?.value.garment ?? {})])];
    sizes = {
      property: chart.value.property,
      a: ra,
      b: rb,
      garment: garmentNames.map((name) => ({ name, a: ra?.value.garment?.[name], b: rb?.value.garment?.[name] })),
    };
  }
  const notes = [...catalogue.notes(item.itemId, { properties: a.properties }), ...catalogue.notes(item.itemId, { properties: b.properties })].filter(
    (n, i, all) => all.findIndex((o) => o.source.field === n.source.field) === i,
  );
  return { a, b, differences, priceDifference: b.price - a.price, sizes, notes };
}
