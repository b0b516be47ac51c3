/** Order lines and SKUs from the contract, as the exchange policy sees them, and SKU lookup by words. */
import type { ExchangeSku } from '../../knowledge/policy/exchange.js';
import { parseYuan } from '../../knowledge/policy/money.js';
import type { ItemSkus, OrderLine, Sku } from './contract.js';

const SIZE_PROPERTIES = ['尺码', '鞋码', '尺寸'];
const COLOUR_PROPERTIES = ['颜色', '颜色分类'];

export function lineAsExchangeSku(line: OrderLine): ExchangeSku & { quantity: number } {
  return { itemId: line.itemId, skuId: line.skuId, price: parseYuan(line.price), properties: line.skuProperties, customised: line.customised, quantity: line.quantity };
}

export function skuAsExchangeTarget(item: ItemSkus, sku: Sku): ExchangeSku & { stock: number; onSale: boolean } {
  return { itemId: item.itemId, skuId: sku.skuId, price: parseYuan(sku.price), properties: sku.properties, customised: item.customised, stock: sku.stock, onSale: sku.onSale };
}

/** "白色 / L" */
export function skuName(properties: Record<string, string>): string {
  return Object.values(properties).join(' / ');
}

const propertyValue = (properties: Record<string, string>, names: string[]) => names.map((n) => properties[n]).find((v) => v !== undefined);
const sameSize = (a: string | undefined, b: string | undefined) => (a ?? '').replace(/码$/, '').toUpperCase() === (b ?? '').replace(/码$/, '').toUpperCase();

/**
 * The SKU of the same item the buyer asked for in words ("换个L", "换成黑色的"): the asked size
 * and/or colour, keeping what was not mentioned as it is on the order line.
 */
export function skuByWords(item: ItemSkus, line: OrderLine, words: { size?: string; colour?: string }): Sku | undefined {
  if (!words.size && !words.colour) return undefined;
  const wantedSize = words.size ?? propertyValue(line.skuProperties, SIZE_PROPERTIES);
  const wantedColour = words.colour ?? propertyValue(line.skuProperties, COLOUR_PROPERTIES);
  return item.skus.find(
    (sku) =>
      sku.skuId !== line.skuId &&
      sameSize(propertyValue(sku.properties, SIZE_PROPERTIES), wantedSize) &&
      (wantedColour === undefined || propertyValue(sku.properties, COLOUR_PROPERTIES) === wantedColour),
  );
}
