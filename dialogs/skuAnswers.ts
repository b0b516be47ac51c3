/**
 * Stock and prices of an item's SKUs from the order system's item (issue 15): "有货吗",
 * "黑色L还有吗", "多少钱", "买五袋多少", the SKU a message names found among the item's own
 * values. Pure: the dialog reads the item first and passes it in.
 */
import { extractEntities } from '../bot/nlu/entities.js';
import { simplify } from '../bot/nlu/normalize.js';
import { compareSkus, multiBuyTotal, PROPERTY_GROUPS, stockOf, type PricedItem, type PricedSku } from '../knowledge/policy/index.js';
import { askAround, said, type ItemAnswer, type ItemAnswerDeps, type ItemInQuestion } from './itemAnswers.js';

/** "黑色 / L" for a SKU. */
export const skuLabel = (sku: { properties: Record<string, string> }): string => Object.values(sku.properties).join(' / ');

// ---------------------------------------------------------------------------------- which SKU

const comparable = (text: string) => simplify(text).toLowerCase().replace(/[^\p{Script=Han}a-z0-9.]+/gu, '');

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Measure words after a number that make it another quantity ("750克" is not the 750ml cup). */
const MEASURE_WORDS = '包片抽袋罐支只个双卷提盒克斤码号层张件份元块';

/**
 * Where the text names a property value: as written ("24包", "XL" but not inside "XXL"), or by one
 * of its numbers with the same unit or none ("24包的" for 3层100抽×24包, "750的" for 750ml).
 * Returns the words that named it, or undefined.
 */
function namedValue(text: string, value: string): string | undefined {
  const t = comparable(text);
  const v = comparable(value);
  // Latin and digits only as a whole ("XL" is not in "XXL"); Han words anywhere ("白色2XL").
  const whole = new RegExp(`${/^[a-z0-9]/.test(v) ? '(?<![a-z0-9])' : ''}${escaped(v)}${/[a-z0-9]$/.test(v) ? '(?![a-z0-9])' : ''}`).exec(t);
  if (whole) return whole[0];
  for (const [, number, unit] of v.matchAll(/(\d+)([^\d.]?)/g)) {
    const withUnit = unit ? new RegExp(`(?<![\\d.])${number}${escaped(unit)}`).exec(t) : null;
    if (withUnit) return withUnit[0];
    // A longer number alone ("750的", "500和750") names it too, unless another unit follows ("750克").
    const alone = number!.length > 1 ? new RegExp(`(?<![\\d.])${number}(?![\\d.a-z${MEASURE_WORDS}])`).exec(t) : null;
    if (alone) return alone[0];
  }
  return undefined;
}

/**
 * The SKU properties a message asks for: values of the item's own SKUs it names ("月白", "24包",
 * "500的"), then a size and a colour as the recognizer reads them for properties not named that
 * way. `named`: the words that named values (not a quantity: "24包的拍5份" buys 5). Empty: no wish.
 */
export function wishOf(text: string, skus: PricedItem, now: Date): { wanted: Record<string, string>; label: string; named: string[] } {
  // Longest values first: "XXL" before "XL".
  const values = [...new Set(skus.skus.flatMap((s) => Object.entries(s.properties)))].sort((a, b) => b[1].length - a[1].length);
  const wanted: Record<string, string> = {};
  const named: string[] = [];
  for (const [property, value] of values) {
    const words = property in wanted ? undefined : namedValue(text, value);
    if (words === undefined) continue;
    wanted[property] = value;
    named.push(words);
  }
  const { size, colour } = extractEntities(text, now);
  const own = (group: 'size' | 'colour') => Object.keys(wanted).some((p) => PROPERTY_GROUPS[group].includes(p));
  if (size && !own('size')) wanted.size = size;
  if (colour && !own('colour')) wanted.colour = colour;
  // Said the way the shop lists its SKUs: colour before size (黑色 L).
  const order = (p: string) => (p === 'colour' || PROPERTY_GROUPS.colour.includes(p) ? 0 : p === 'size' || PROPERTY_GROUPS.size.includes(p) ? 2 : 1);
  const label = Object.entries(wanted)
    .sort((a, b) => order(a[0]) - order(b[0]))
    .map(([, value]) => value)
    .join(' ');
  return { wanted, label, named };
}

// ---------------------------------------------------------------------------------- stock

const STOCK_ASKED = /有货|有没有货|有现货|现货|还有吗|还有没|还有么|还有不|缺货|没货|断货|库存|卖完|售罄|卖光|还能买|能拍吗|能下单吗/;
/** "有黑色吗", "XL有没有": a size or colour asked after. */
const HAVE_ASKED = /有.{0,8}(吗|么|嘛|没|不)|还有|有木有/;
/** When it comes back is the restock FAQ's question, not stock now. */
const RESTOCK_ASKED = /补货|到货|什么时候有|啥时候有|多久有|几时有|上新/;

export function asksStock(text: string, now: Date): boolean {
  const t = simplify(text);
  if (RESTOCK_ASKED.test(t)) return false;
  if (STOCK_ASKED.test(t)) return true;
  const { size, colour } = extractEntities(text, now);
  return (size !== undefined || colour !== undefined) && HAVE_ASKED.test(t);
}

export function stockAnswer({ templates, knowledge }: ItemAnswerDeps, text: string, item: ItemInQuestion, now: Date): ItemAnswer {
  const name = knowledge.catalogue.get(item.itemId)?.name ?? `商品${item.itemId}`;
  if (!item.skus) return askAround(templates.render('presale.stock', { outcome: 'unknown', name }));
  const { wanted, label: wish } = wishOf(text, item.skus, now);
  const answer = stockOf(item.skus, wanted);
  if (!wish) {
    const soldOut = item.skus.skus.filter((s) => s.onSale && s.stock === 0).map(skuLabel);
    const onSale = item.skus.skus.filter((s) => s.onSale);
    const outcome = onSale.length === 0 ? 'off_sale' : soldOut.length === onSale.length ? 'all_sold_out' : soldOut.length ? 'some' : 'all';
    return said(templates.render('presale.stock', { outcome, name, soldOut }));
  }
  return said(
    templates.render('presale.stock', {
      outcome: answer.status,
      name,
      wish,
      few: answer.status === 'in_stock' && answer.available <= 5 ? answer.available : false,
      alternatives: answer.alternatives.map(skuLabel),
    }),
  );
}

// ---------------------------------------------------------------------------------- price

const PRICE_ASKED = /多少钱|多钱|价格|价钱|几块|几元|啥价|什么价|怎么卖|总共|一共|合计|到手|总价|划算/;
/** "买五袋多少", "750的拿3个": buying a number of them asks what that comes to. */
const BUYING_SOME = /(买|拿|要|来|拍)\s*(\d|[一二两三四五六七八九十])|多少\s*$/;
/** Asking about promotions rather than a price ("优惠多少"): the promotions answer. */
const ASKS_PROMOTIONS = /优惠|券|满减|活动|赠|便宜|折扣|打折/;

/**
 * "多少钱" (the item's prices) and "买五袋多少" (that many of one SKU with the promotions running,
 * postage and the total). Undefined when the message asks no price.
 */
export function priceAnswer({ templates, knowledge }: ItemAnswerDeps, text: string, item: ItemInQuestion, now: Date): ItemAnswer | undefined {
  const t = simplify(text);
  const name = knowledge.catalogue.get(item.itemId)?.name ?? `商品${item.itemId}`;
  if (!item.skus) return PRICE_ASKED.test(t) || BUYING_SOME.test(t) ? askAround(templates.render('presale.stock', { outcome: 'unknown', name })) : undefined;
  const { wanted, label: wish, named } = wishOf(text, item.skus, now);
  // The quantity outside the SKU's own name ("24包的拍5份": 5).
  const { quantity: counted, quantityUnit } = extractEntities(named.reduce((rest, words) => rest.split(words).join(' '), comparable(text)), now);
  // "到手多少": one of them, with what applies.
  const quantity = counted ?? (/到手|实付|最后多少/.test(t) ? 1 : undefined);
  const buying = quantity !== undefined && (BUYING_SOME.test(t) || PRICE_ASKED.test(t) || ASKS_PROMOTIONS.test(t));
  if (!buying && (!PRICE_ASKED.test(t) || ASKS_PROMOTIONS.test(t))) return undefined;
  const candidates = (Object.keys(wanted).length ? stockOf(item.skus, wanted).matches : item.skus.skus).filter((s) => s.onSale);
  if (!candidates.length) return said(templates.render('presale.stock', { outcome: 'no_such_sku', name, wish }));
  // The price most SKUs have, and the SKUs priced otherwise ("XXL贵10元").
  const byPrice = new Map<number, PricedSku[]>();
  for (const sku of candidates) byPrice.set(sku.price, [...(byPrice.get(sku.price) ?? []), sku]);
  const [usual, ...others] = [...byPrice.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
  const exceptions = others.map(([price, skus]) => ({ price, skus: skus.map(skuLabel).slice(0, 4) }));
  if (!buying) return said(templates.render('presale.priceList', { name, price: usual![0], exceptions }));
  const sku = usual![1][0]!;
  const total = multiBuyTotal(knowledge, { itemId: item.itemId, skuId: sku.skuId, category: knowledge.catalogue.categoryOf(item.itemId), unitPrice: sku.price, quantity: quantity! }, now);
  return said(
    templates.render('presale.multiBuy', {
      name,
      quantity,
      unit: quantityUnit ?? '件',
      unitPrice: total.unitPrice,
      activity: total.activity?.name ?? false,
      subtotal: total.subtotal,
      discounts: total.discounts.map((d) => ({ name: d.promotion.name, amount: d.amount })),
      goodsTotal: total.goodsTotal,
      postage: total.postage.served ? total.postage.postage : false,
      total: total.total ?? false,
      gifts: total.gifts.map((g) => g.gift),
      nextTier: total.nextTier ? { shortBy: total.nextTier.shortBy, discount: total.nextTier.discount, moreUnits: total.nextTier.moreUnits } : false,
      exceptions,
    }),
  );
}

// ---------------------------------------------------------------------------------- two SKUs

const COMPARES_SKUS = /区别|不同|差别|不一样|差多少|差多|差几|比.{0,8}(贵|便宜|大|长|厚)|贵多少|便宜多少|划算|哪个好|选哪个|为什么贵|为啥贵|咋.{0,4}贵|贵在哪/;

/** The SKUs a message names by one property's values, in the order named ("24包和6包", "42码和43"). */
function skusNamed(text: string, skus: PricedItem): PricedSku[] {
  const said = comparable(text);
  const byValue = new Map<string, { at: number; sku: PricedSku }>();
  for (const sku of skus.skus)
    for (const value of Object.values(sku.properties)) {
      const words = byValue.has(value) ? undefined : namedValue(text, value);
      // A value inside a longer one named ("XL" in "XXL") is not named itself.
      if (words !== undefined) byValue.set(value, { at: said.indexOf(words), sku });
    }
  const properties = new Map<string, number>();
  for (const { sku } of byValue.values()) for (const p of Object.keys(sku.properties)) properties.set(p, (properties.get(p) ?? 0) + 1);
  return [...byValue.entries()]
    .filter(([value, { sku }]) => Object.entries(sku.properties).some(([p, v]) => v === value && (properties.get(p) ?? 0) >= 2))
    .sort((a, b) => a[1].at - b[1].at)
    .map(([, { sku }]) => sku)
    .filter((sku, i, all) => all.findIndex((s) => s.skuId === sku.skuId) === i);
}

/** "24包" → 24 包: the count a SKU holds, for the price per unit. */
function countIn(value: string): { n: number; unit: string } | undefined {
  const m = /(\d+)\s*(包|片|抽|袋|罐|支|只|个|双|卷|提|盒|ml|g|克)(?!.*\d)/i.exec(value);
  return m ? { n: Number(m[1]), unit: m[2]! } : undefined;
}

/**
 * Two SKUs of the item in view compared ("24包和6包哪个划算", "M和L差多少", "43码咋比42贵"):
 * prices and the difference, the price per unit when both say how many they hold, garment
 * measurements for two sizes, and the shop's notes on either. Undefined when the message
 * compares no two SKUs.
 */
export function skuComparisonAnswer({ templates, knowledge }: ItemAnswerDeps, text: string, item: ItemInQuestion): ItemAnswer | undefined {
  if (!item.skus || !COMPARES_SKUS.test(simplify(text))) return undefined;
  const named = skusNamed(text, item.skus);
  if (named.length < 2) return undefined;
  const name = knowledge.catalogue.get(item.itemId)?.name ?? `商品${item.itemId}`;
  const comparison = compareSkus(knowledge.catalogue, item.skus, named[0]!.skuId, named[1]!.skuId);
  if (!comparison) return undefined;
  const label = (sku: PricedSku) => comparison.differences.map((d) => sku.properties[d.property]).join(' ');
  const counts = [countIn(label(comparison.a)), countIn(label(comparison.b))];
  // The price per unit when value for money is asked and both say how many they hold.
  const perUnit =
    /划算|便宜|性价比|实惠/.test(simplify(text)) && counts[0] && counts[1] && counts[0].unit === counts[1].unit
      ? [comparison.a, comparison.b].map((sku, i) => ({ sku: label(sku), price: Math.round(sku.price / counts[i]!.n), unit: counts[i]!.unit }))
      : [];
  return said(
    templates.render('presale.compareSkus', {
      name,
      a: { label: label(comparison.a), price: comparison.a.price },
      b: { label: label(comparison.b), price: comparison.b.price },
      difference: Math.abs(comparison.priceDifference),
      perUnit,
      cheaper: perUnit.length ? [...perUnit].sort((x, y) => x.price - y.price)[0]!.sku : false,
      garment: (comparison.sizes?.garment ?? []).filter((g) => g.a !== undefined && g.b !== undefined),
      // Notes on what differs ("43码用料多"), not on what both share.
      notes: comparison.notes
        .filter((n) => Object.keys(n.value.skus ?? {}).some((p) => comparison.differences.some((d) => d.property === p)))
        .map((n) => n.value.text)
        .slice(0, 2),
    }),
  );
}
