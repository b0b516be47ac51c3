/**
 * The order-system half of the catalogue: mapping contract items and trades (yuan strings) onto
 * what the pre-sales policy functions take (fen), and checking knowledge/catalogue against the
 * items the order system actually lists (kb:check warnings, never start-up errors: the order
 * system may be down, and a shop may describe an item before listing it).
 */
import { skuMatches } from '../../knowledge/catalogue.js';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import type { PricedItem } from '../../knowledge/policy/compare.js';
import { parseYuan } from '../../knowledge/policy/money.js';
import type { MultiBuyInput, PricedLine } from '../../knowledge/policy/promotions.js';
import { normalSize } from '../../knowledge/policy/sizing.js';
import { catalogueFile } from '../../knowledge/source.js';
import type { Item, Sku, Trade } from './contract.js';
import type { OrderApi } from './orderApi.js';

/** An item with prices in fen, as `compareSkus` and `stockOf` take it. */
export function toPricedItem(item: Item): PricedItem {
  return { itemId: item.itemId, skus: item.skus.map((s) => ({ skuId: s.skuId, properties: s.properties, stock: s.stock, onSale: s.onSale, price: parseYuan(s.price) })) };
}

/** A trade's lines as `whyPromotionNotApplied` takes them, with categories from the catalogue. */
export function toPricedLines(trade: Trade, kb: KnowledgeBase): PricedLine[] {
  return trade.orders.map((line) => ({
    itemId: line.itemId,
    skuId: line.skuId,
    category: kb.catalogue.categoryOf(line.itemId),
    unitPrice: parseYuan(line.price),
    quantity: line.quantity,
  }));
}

/** When a trade's promotions are judged: its payment, or `now` while it is unpaid. */
export function promotionMoment(trade: Trade, now: Date): Date {
  return trade.payTime ? new Date(trade.payTime) : now;
}

/** "买五袋多少钱": one SKU × quantity as `multiBuyTotal` takes it. */
export function toMultiBuyInput(item: Item, sku: Sku, quantity: number, destination: { province?: string; courier?: string } = {}): MultiBuyInput {
  return { itemId: item.itemId, skuId: sku.skuId, category: item.category, unitPrice: parseYuan(sku.price), quantity, ...destination };
}

/**
 * What kb:check warns about: catalogue items the order system does not list, a category that
 * differs, size charts whose sizes or property the SKUs do not have, SKU notes matching no SKU,
 * and (when `listed` gives the order system's item ids) listed items with no catalogue file.
 */
export async function crossCheckCatalogue(kb: KnowledgeBase, api: OrderApi, listed?: string[]): Promise<string[]> {
  const warnings: string[] = [];
  const warn = (itemId: string, field: string, message: string) => warnings.push(`${catalogueFile(itemId)}: ${field}: ${message}`);
  const entries = kb.catalogue.all();
  const items = await Promise.all(entries.map((e) => api.item(e.itemId)));
  entries.forEach((entry, i) => {
    const item = items[i];
    if (!item) return warn(entry.itemId, 'itemId', `the order system does not list item ${entry.itemId} (fine if it is not on sale yet)`);
    if (item.category !== entry.category) warn(entry.itemId, 'category', `is "${entry.category}", the order system says "${item.category}"`);
    const chart = entry.sizeChart;
    if (chart) {
      const values = new Set(item.skus.map((s) => s.properties[chart.property]).filter((v): v is string => v !== undefined).map(normalSize));
      if (values.size === 0) warn(entry.itemId, 'sizeChart.property', `no SKU of the item has the property ${chart.property}`);
      else
        chart.rows.forEach((row, r) => {
          if (!values.has(normalSize(row.size))) warn(entry.itemId, `sizeChart.rows.${r}.size`, `no SKU has ${chart.property} ${row.size}`);
        });
    }
    entry.notes.forEach((note, n) => {
      if (note.skus && !item.skus.some((s) => skuMatches(note.skus!, s.properties)))
        warn(entry.itemId, `notes.${n}.skus`, `no SKU has ${Object.entries(note.skus).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    });
  });
  for (const itemId of listed ?? [])
    if (!kb.catalogue.has(itemId)) warnings.push(`${catalogueFile(itemId)}: (file): the order system lists item ${itemId}, but the shop has not described it`);
  return warnings;
}
