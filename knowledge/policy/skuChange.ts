/**
 * Which SKU the buyer's words ask for instead of the ordered one — a size or colour named
 * ("XL换成L", "换黑色"), the next size that way ("小一码", "大一号"), or another item ("换成那件
 * T恤") — and, before shipment, what changing the order's SKU means (F8, `003` 订单修改流程:
 * not printed → edited directly; printed → the print voided, edited, audited again).
 */
import type { Cited } from './decision.js';
import type { Fen } from './money.js';
import { normalValue, PROPERTY_GROUPS, stockOf, type StockAnswer, type StockItem, type StockSku } from './stock.js';

export type SizeDirection = 'smaller' | 'larger';

/** Letter sizes, smallest first (2XL is read as XXL by normalValue). */
const LETTER_SIZES = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', 'XXXL', 'XXXXL'];

/** The item's own name for a generic property ('size' → 尺码 or 鞋码), if its SKUs have one. */
export function propertyNameOf(skus: StockSku[], generic: keyof typeof PROPERTY_GROUPS): string | undefined {
  const names = new Set(skus.flatMap((s) => Object.keys(s.properties)));
  return PROPERTY_GROUPS[generic].find((n) => names.has(n));
}

/** Where a size sorts: letter sizes by their order, shoe and number sizes by value. */
function sizeRank(size: string): number {
  const value = normalValue(size);
  const letter = LETTER_SIZES.indexOf(value);
  return letter >= 0 ? letter : Number.parseFloat(value);
}

/**
 * The item's sizes, smallest first: in the size chart's order (its rows go from the smallest up,
 * kb:check makes sure) when the chart has every one of them, else by letter or number.
 */
export function sizeOrder(sizes: string[], chartSizes: string[] = []): string[] {
  const distinct = [...new Set(sizes)];
  const chart = chartSizes.map(normalValue);
  const byChart = distinct.every((s) => chart.includes(normalValue(s)));
  const rank = byChart ? (s: string) => chart.indexOf(normalValue(s)) : sizeRank;
  return distinct.sort((a, b) => rank(a) - rank(b));
}

export type AdjacentSize =
  | { kind: 'size'; size: string; wanted: Record<string, string> }
  /** Already the smallest (or largest) size the item comes in. */
  | { kind: 'edge'; size: string }
  /** The item has no size property, or the order line no size. */
  | { kind: 'no_sizes' };

/**
 * "小一码" / "大一码": the next size that way from the ordered SKU's, among the sizes the item
 * comes in, with its other properties (colour) kept. Stock is not looked at here: a sold-out
 * next size is still the one asked for (stockOf says it is sold out, and what else there is).
 */
export function adjacentSize(skus: StockSku[], from: Record<string, string>, direction: SizeDirection, chartSizes?: string[]): AdjacentSize {
  const name = propertyNameOf(skus, 'size');
  const current = name ? from[name] : undefined;
  if (!name || current === undefined) return { kind: 'no_sizes' };
  const order = sizeOrder(
    skus.map((s) => s.properties[name]).filter((v): v is string => v !== undefined),
    chartSizes,
  );
  const next = order[order.indexOf(current) + (direction === 'smaller' ? -1 : 1)];
  return next === undefined ? { kind: 'edge', size: current } : { kind: 'size', size: next, wanted: { ...from, [name]: next } };
}

/** What the buyer said about the SKU they want instead. */
export interface SkuWish {
  size?: string;
  colour?: string;
  sizeStep?: SizeDirection;
  /** Catalogue items the message names ("那件T恤"). */
  mentionedItemIds?: string[];
}

export interface OrderedSku {
  itemId: string;
  skuId: string;
  properties: Record<string, string>;
}

export type WantedSku<S extends StockSku> =
  /** Nothing about the new SKU was said. */
  | { kind: 'unspecified' }
  /** Another item, not this one in another size or colour: R11 allows exchanges within one item only. */
  | ({ kind: 'other_item' } & Cited)
  | { kind: 'edge'; direction: SizeDirection; size: string }
  /** What was asked is what was ordered. */
  | { kind: 'same_sku' }
  /** The SKUs with the wanted properties and their stock; `stock.matches[0]` is the one when in stock. */
  | { kind: 'sku'; wanted: Record<string, string>; stock: StockAnswer<S> };

/**
 * The SKU of the ordered item the wish names: what was said replaces the ordered size or colour,
 * what was not said stays as ordered ("换黑色" keeps the size). Another item named, and not this
 * one, is another item.
 */
export function wantedSku<S extends StockSku>(item: StockItem<S> & { itemId: string }, ordered: OrderedSku, wish: SkuWish, chartSizes?: string[]): WantedSku<S> {
  const mentioned = wish.mentionedItemIds ?? [];
  if (mentioned.length > 0 && !mentioned.includes(ordered.itemId)) return { kind: 'other_item', ruleIds: ['R11'] };
  let wanted = { ...ordered.properties };
  if (wish.size === undefined && wish.sizeStep) {
    const adjacent = adjacentSize(item.skus, ordered.properties, wish.sizeStep, chartSizes);
    if (adjacent.kind === 'edge') return { kind: 'edge', direction: wish.sizeStep, size: adjacent.size };
    if (adjacent.kind === 'size') wanted = adjacent.wanted;
  }
  const named: [keyof typeof PROPERTY_GROUPS, string | undefined][] = [
    ['size', wish.size],
    ['colour', wish.colour],
  ];
  for (const [generic, value] of named) {
    const name = propertyNameOf(item.skus, generic);
    // A property the item does not have ("换黑色" for a one-colour item): no SKU has it.
    if (value !== undefined) wanted[name ?? generic] = value;
  }
  if (sameProperties(wanted, ordered.properties)) return wish.size || wish.colour || wish.sizeStep ? { kind: 'same_sku' } : { kind: 'unspecified' };
  const stock = stockOf(item, wanted);
  // The ordered SKU is no alternative to itself; the wanted size in another colour comes first.
  const sizeName = propertyNameOf(item.skus, 'size');
  const keepsSize = (s: S) => (sizeName !== undefined && s.properties[sizeName] === wanted[sizeName] ? 0 : 1);
  const alternatives = stock.alternatives.filter((s) => s.skuId !== ordered.skuId).sort((a, b) => keepsSize(a) - keepsSize(b));
  return { kind: 'sku', wanted, stock: { ...stock, alternatives } };
}

const sameProperties = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys({ ...a, ...b }).every((k) => normalValue(a[k] ?? '') === normalValue(b[k] ?? ''));

/** F8 before shipment: who changes what. Unpaid, nothing has been paid: cancel and order the right one. */
export type SkuChangeHandling = 'rebuy' | 'edit_directly' | 'void_print_and_reaudit';

export interface SkuChangeDecision {
  handling: SkuChangeHandling;
  /** (new − ordered) × quantity: above 0 the buyer pays the difference, below 0 the shop refunds it. */
  priceDifference: Fen;
}

/** Changing the SKU of an order not yet shipped (F8, seed `003` 订单修改流程). */
export function skuChangeBeforeShipment(
  stage: 'unpaid' | 'not_printed' | 'printed',
  ordered: { price: Fen; quantity: number },
  target: { price: Fen },
): SkuChangeDecision {
  const handling: SkuChangeHandling = stage === 'unpaid' ? 'rebuy' : stage === 'printed' ? 'void_print_and_reaudit' : 'edit_directly';
  return { handling, priceDifference: (target.price - ordered.price) * ordered.quantity };
}
