/**
 * Stock per SKU from the order system's item (GET /items/{itemId}): "黑色L还有吗", "40码有货吗".
 * The buyer's words are matched to the item's own property names (尺码 / 鞋码 / 尺寸, 颜色 /
 * 颜色分类 / 色号) and values ("l码" = "L", "黑" = "黑色").
 */

export interface StockSku {
  skuId: string;
  properties: Record<string, string>;
  stock: number;
  onSale: boolean;
}

export interface StockItem<S extends StockSku = StockSku> {
  skus: S[];
}

/** Generic names a caller may use for the property, whatever the item calls it. */
export const PROPERTY_GROUPS: Record<'size' | 'colour', string[]> = {
  size: ['尺码', '鞋码', '尺寸', '规格'],
  colour: ['颜色', '颜色分类', '色号'],
};

export type StockStatus = 'in_stock' | 'out_of_stock' | 'off_sale' | 'no_such_sku';

export interface StockAnswer<S extends StockSku = StockSku> {
  /** in_stock: some matching SKU can be bought now; out_of_stock: on sale but none left; off_sale: delisted. */
  status: StockStatus;
  /** The SKUs with every wanted property. */
  matches: (S & { available: boolean })[];
  /** Units that can be bought now across the matches. */
  available: number;
  /** Wanted properties the item does not have at all (e.g. 颜色 for a one-colour item). */
  unknownProperties: string[];
  /** When nothing wanted can be bought: SKUs that can, differing from the wish in one property. */
  alternatives: S[];
}

/** "L码" → "L", "黑" → "黑色"-comparable, full-width → half-width. */
export function normalValue(value: string): string {
  return value
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/[码號号]$/, '')
    .replace(/色$/, '')
    // 2XL = XXL, 3XL = XXXL
    .replace(/^([2-4])XL$/, (_, n: string) => `${'X'.repeat(Number(n))}L`);
}

/** The item's name for a wanted property: its own, or the one of its group ('size' → 鞋码). */
function propertyName(item: StockItem, wanted: string): string | undefined {
  const names = new Set(item.skus.flatMap((s) => Object.keys(s.properties)));
  if (names.has(wanted)) return wanted;
  const group = Object.entries(PROPERTY_GROUPS).find(([generic, members]) => generic === wanted || members.includes(wanted))?.[1];
  return group?.find((n) => names.has(n));
}

const canBuy = (sku: StockSku) => sku.onSale && sku.stock > 0;

/**
 * The stock of the SKUs with the wanted properties (names as the item has them, or 'size' /
 * 'colour'); an empty wish means the whole item.
 */
export function stockOf<S extends StockSku>(item: StockItem<S>, wanted: Record<string, string>): StockAnswer<S> {
  const unknownProperties: string[] = [];
  const wish: [string, string][] = [];
  for (const [name, value] of Object.entries(wanted)) {
    const own = propertyName(item, name);
    if (own) wish.push([own, normalValue(value)]);
    else unknownProperties.push(name);
  }
  const differences = (sku: S) => wish.filter(([name, value]) => normalValue(sku.properties[name] ?? '') !== value).length;
  // A property the item does not have: no SKU has the wanted value of it.
  const matches = unknownProperties.length > 0 ? [] : item.skus.filter((sku) => differences(sku) === 0).map((sku) => ({ ...sku, available: canBuy(sku) }));
  const available = matches.filter((m) => m.available).reduce((sum, m) => sum + m.stock, 0);
  const status: StockStatus =
    matches.length === 0
      ? 'no_such_sku'
      : available > 0
        ? 'in_stock'
        : matches.some((m) => m.onSale)
          ? 'out_of_stock'
          : 'off_sale';
  const alternatives = status === 'in_stock' || wish.length === 0 ? [] : item.skus.filter((sku) => canBuy(sku) && differences(sku) === 1);
  return { status, matches, available, unknownProperties, alternatives };
}
