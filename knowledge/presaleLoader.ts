/**
 * Reads the pre-sales half of knowledge/: catalogue/<itemId>.yaml, faq/*.yaml and
 * promotions.yaml, and checks them against each other and the shop profile. Problems name the
 * file, the entry and the field; references that may be fine (an item described but not sold, a
 * promotion naming an item the catalogue does not describe) are warnings.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { Catalogue } from './catalogue.js';
import { Background, Faq, faqText, type LoadedFaqEntry } from './faq.js';
import { yuanToFen } from './policy/money.js';
import { entryName, readYaml, type Problems } from './problems.js';
import { Promotions, type Activity, type Promotion, type PromotionScope, type PromotionWindow } from './promotions.js';
import {
  catalogueEntrySchema,
  faqEntrySchema,
  promotionsSchema,
  type CatalogueEntry,
  type PromotionsFile,
  type ShopProfile,
  type SizeChart,
} from './schema.js';
import { faqFile, PROMOTIONS_FILE } from './source.js';

async function yamlFiles(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.yaml')).sort();
}

function checkSizeChart(chart: SizeChart, report: (field: string, message: string) => void): void {
  const sizes = chart.rows.map((r) => r.size);
  sizes.forEach((size, i) => {
    if (sizes.indexOf(size) !== i) report(`sizeChart.rows.${i}.size`, `size ${size} appears twice`);
  });
  const measures = chart.kind === 'body' ? (['heightCm', 'weightKg'] as const) : (['footLengthMm'] as const);
  for (const measure of measures) {
    let previous: [number, number] | undefined;
    chart.rows.forEach((row, i) => {
      const range = (row as Record<string, unknown>)[measure] as [number, number] | undefined;
      if (!range) return;
      if (previous && (range[0] < previous[0] || range[1] < previous[1]))
        report(`sizeChart.rows.${i}.${measure}`, 'rows must go from the smallest size to the largest (each range at or above the one before)');
      previous = range;
    });
  }
}

export async function loadCatalogue(dir: string, problems: Problems): Promise<Catalogue> {
  const catalogueDir = join(dir, 'catalogue');
  const files = await yamlFiles(catalogueDir);
  if (files.length === 0) problems.add(catalogueDir, undefined, '(directory)', 'has no <itemId>.yaml files');
  const entries: CatalogueEntry[] = [];
  const fileOf = new Map<CatalogueEntry, string>();
  for (const name of files) {
    const file = join(catalogueDir, name);
    const doc = await readYaml(file, problems);
    const parsed = doc === undefined ? undefined : catalogueEntrySchema.safeParse(doc);
    if (!parsed?.success) {
      if (parsed) problems.addZod(file, undefined, parsed.error);
      // Its problems are reported; references to it elsewhere are not problems of their own.
      problems.invalidItems.add(basename(name, '.yaml'));
      continue;
    }
    const entry = parsed.data;
    if (entry.itemId !== basename(name, '.yaml')) problems.add(file, undefined, 'itemId', `is ${entry.itemId}, but the file must be named ${entry.itemId}.yaml`);
    if (entry.sizeChart) checkSizeChart(entry.sizeChart, (field, message) => problems.add(file, undefined, field, message));
    entries.push(entry);
    fileOf.set(entry, file);
  }
  const ids = new Set(entries.map((e) => e.itemId));
  for (const entry of entries)
    entry.notes.forEach((note, i) =>
      note.items?.forEach((other, j) => {
        const field = `notes.${i}.items.${j}`;
        if (other === entry.itemId) problems.add(fileOf.get(entry)!, undefined, field, 'compares the item with itself');
        else if (!ids.has(other) && !problems.invalidItems.has(other)) problems.add(fileOf.get(entry)!, undefined, field, `no catalogue/${other}.yaml describes item ${other}`);
      }),
    );
  return new Catalogue(entries);
}

export async function loadFaq(dir: string, catalogue: Catalogue, problems: Problems): Promise<Faq> {
  const faqDir = join(dir, 'faq');
  const files = await yamlFiles(faqDir);
  if (files.length === 0) problems.add(faqDir, undefined, '(directory)', 'has no .yaml FAQ files');
  const entries: LoadedFaqEntry[] = [];
  const seen = new Map<string, string>();
  const categories = new Set(catalogue.categories());
  for (const name of files) {
    const file = join(faqDir, name);
    const doc = await readYaml(file, problems);
    if (doc === undefined) continue;
    if (!Array.isArray(doc)) {
      problems.add(file, undefined, '(file)', 'must be a list of questions');
      continue;
    }
    doc.forEach((raw, index) => {
      const entry = entryName(raw, index);
      const parsed = faqEntrySchema.safeParse(raw);
      if (!parsed.success) return problems.addZod(file, entry, parsed.error);
      const faq = parsed.data;
      if (seen.has(faq.id)) return problems.add(file, entry, 'id', `duplicate of the entry in faq/${seen.get(faq.id)}`);
      seen.set(faq.id, name);
      faq.items?.forEach((itemId, j) => {
        if (!catalogue.has(itemId) && !problems.invalidItems.has(itemId)) problems.add(file, entry, `items.${j}`, `no catalogue/${itemId}.yaml describes item ${itemId}`);
      });
      faq.categories?.forEach((category, j) => {
        if (!categories.has(category)) problems.add(file, entry, `categories.${j}`, `no catalogue item has category "${category}" (known: ${[...categories].join(', ')})`);
      });
      entries.push({ ...faq, file: faqFile(name), index });
    });
  }
  warnSameQuestions(entries, catalogue, faqDir, problems);
  return new Faq(entries, new Background(await buyerMessages(dir)));
}

/** Whether two entries can both answer for some item in view. */
function scopesOverlap(a: LoadedFaqEntry, b: LoadedFaqEntry, catalogue: Catalogue): boolean {
  if ((!a.items && !a.categories) || (!b.items && !b.categories)) return true;
  const categories = (e: LoadedFaqEntry) => new Set([...(e.categories ?? []), ...(e.items ?? []).map((i) => catalogue.categoryOf(i) ?? '')]);
  const ca = categories(a);
  if ((a.items ?? []).some((i) => b.items?.includes(i))) return true;
  if ((b.categories ?? []).some((c) => ca.has(c))) return true;
  return (a.categories ?? []).some((c) => categories(b).has(c));
}

/** The same question (as compared) in two entries that can answer for the same item: the answer depends on luck. */
function warnSameQuestions(entries: LoadedFaqEntry[], catalogue: Catalogue, faqDir: string, problems: Problems): void {
  const seen = new Map<string, LoadedFaqEntry>();
  for (const entry of entries)
    [entry.question, ...entry.paraphrases].forEach((text, i) => {
      const key = faqText(text);
      const other = seen.get(key);
      if (other && other.id !== entry.id && scopesOverlap(entry, other, catalogue))
        problems.warn(join(faqDir, basename(entry.file)), entry.id, i === 0 ? 'question' : `paraphrases.${i - 1}`, `"${text}" is also a question of ${other.id}`);
      else if (!other) seen.set(key, entry);
    });
}

/**
 * The intent examples' training lines (knowledge/intents/*.yaml `train`): thousands of buyer
 * messages on every topic, the FAQ's background for document frequencies. Their own checks are
 * the NLU's (kb:check runs them); here anything unreadable is just left out.
 */
export async function buyerMessages(dir: string): Promise<string[]> {
  const intentsDir = join(dir, 'intents');
  const texts: string[] = [];
  for (const name of await yamlFiles(intentsDir)) {
    const doc = (await readFile(join(intentsDir, name), 'utf8').then(parse, () => undefined)) as { train?: unknown } | undefined;
    if (Array.isArray(doc?.train)) texts.push(...doc.train.filter((t): t is string => typeof t === 'string'));
  }
  return texts;
}

const HOUR = 3_600_000;
const at = (local: string, end: boolean): Date => {
  const dateOnly = local.length === 10;
  const start = new Date(`${local.slice(0, 10)}T${dateOnly ? '00:00' : local.slice(11)}:00+08:00`);
  // A date-only end includes that day; an end with a time includes that minute.
  return end ? new Date(start.getTime() + (dateOnly ? 24 * HOUR : 60_000)) : start;
};

/** Resolves promotions.yaml: windows from activities, fen, sources; every inconsistency reported. */
export async function loadPromotions(dir: string, catalogue: Catalogue, problems: Problems): Promise<Promotions | undefined> {
  const file = join(dir, 'promotions.yaml');
  const doc = await readYaml(file, problems);
  if (doc === undefined) return undefined;
  const parsed = promotionsSchema.safeParse(doc);
  if (!parsed.success) {
    problems.addZod(file, undefined, parsed.error);
    return undefined;
  }
  const data: PromotionsFile = parsed.data;
  const categories = new Set(catalogue.categories());
  const seen = new Set<string>();
  const unique = (id: string, field: string) => {
    if (seen.has(id)) problems.add(file, id, `${field}.id`, 'duplicate id (ids are unique across activities, 满减, coupons and gifts)');
    seen.add(id);
  };

  const activities: Activity[] = data.activities.map((a, i) => {
    unique(a.id, `activities.${i}`);
    const from = at(a.from, false);
    const to = at(a.to, true);
    if (to.getTime() <= from.getTime()) problems.add(file, a.id, `activities.${i}.to`, 'ends before it starts');
    a.items?.forEach((itemId, j) => {
      if (!catalogue.has(itemId)) problems.warn(file, a.id, `activities.${i}.items.${j}`, `item ${itemId} has no catalogue/${itemId}.yaml`);
    });
    a.prices.forEach((price, j) => {
      if (!catalogue.has(price.itemId)) problems.warn(file, a.id, `activities.${i}.prices.${j}.itemId`, `item ${price.itemId} has no catalogue/${price.itemId}.yaml`);
      if (a.items && !a.items.includes(price.itemId)) problems.add(file, a.id, `activities.${i}.prices.${j}.itemId`, `item ${price.itemId} is not among the activity's items`);
    });
    return {
      id: a.id,
      kind: a.kind,
      name: a.name,
      from,
      to,
      items: a.items,
      prices: a.prices.map((p) => ({ itemId: p.itemId, skuIds: p.skuIds, price: yuanToFen(p.priceYuan) })),
      note: a.note,
      source: { file: PROMOTIONS_FILE, field: `activities.${i}` },
    };
  });

  type Common = PromotionsFile['coupons'][number];
  const resolve = (p: Omit<Common, 'amountYuan' | 'minSpendYuan' | 'where' | 'validDaysAfterClaim' | 'perBuyer'>, field: string) => {
    unique(p.id, field);
    const activity = p.activity === undefined ? undefined : activities.find((a) => a.id === p.activity);
    if (p.activity !== undefined && !activity) problems.add(file, p.id, `${field}.activity`, `no activity with id ${p.activity}`);
    const from = p.validFrom ? at(p.validFrom, false) : activity?.from;
    const to = p.validTo ? at(p.validTo, true) : activity?.to;
    if (!from) problems.add(file, p.id, `${field}.validFrom`, 'required unless the promotion names an activity');
    if (from && to && to.getTime() <= from.getTime()) problems.add(file, p.id, `${field}.validTo`, 'ends before it starts');
    for (const key of ['categories', 'excludedCategories'] as const)
      p[key]?.forEach((category, j) => {
        if (!categories.has(category)) problems.add(file, p.id, `${field}.${key}.${j}`, `no catalogue item has category "${category}" (known: ${[...categories].join(', ')})`);
      });
    for (const key of ['items', 'excludedItems'] as const)
      p[key]?.forEach((itemId, j) => {
        if (!catalogue.has(itemId)) problems.warn(file, p.id, `${field}.${key}.${j}`, `item ${itemId} has no catalogue/${itemId}.yaml`);
      });
    const window: PromotionWindow = { from: from ?? new Date(0), to, dailyHours: p.dailyHours };
    const scope: PromotionScope = { items: p.items, categories: p.categories, excludedItems: p.excludedItems, excludedCategories: p.excludedCategories };
    return { id: p.id, name: p.name, note: p.note, window, activityId: activity?.id, ...scope, source: { file: PROMOTIONS_FILE, field } };
  };

  const promotions: Promotion[] = [
    ...data.fullReductions.map((r, i): Promotion => {
      const field = `fullReductions.${i}`;
      r.tiers.forEach((tier, j) => {
        if (tier.discountYuan >= tier.thresholdYuan) problems.add(file, r.id, `${field}.tiers.${j}.discountYuan`, 'must be below the threshold');
        const before = r.tiers[j - 1];
        if (before && (tier.thresholdYuan <= before.thresholdYuan || tier.discountYuan <= before.discountYuan))
          problems.add(file, r.id, `${field}.tiers.${j}`, 'tiers must go up: each threshold and discount above the one before');
      });
      if (r.repeat && r.tiers.length !== 1) problems.add(file, r.id, `${field}.repeat`, '每满 (repeat) takes exactly one tier');
      if (r.capYuan !== undefined && !r.repeat) problems.add(file, r.id, `${field}.capYuan`, 'a cap only applies to 每满 (repeat: true)');
      return {
        kind: 'full_reduction',
        ...resolve(r, field),
        tiers: r.tiers.map((t) => ({ threshold: yuanToFen(t.thresholdYuan), discount: yuanToFen(t.discountYuan) })),
        repeat: r.repeat,
        cap: r.capYuan === undefined ? undefined : yuanToFen(r.capYuan),
      };
    }),
    ...data.coupons.map((c, i): Promotion => {
      const field = `coupons.${i}`;
      if (c.minSpendYuan > 0 && c.amountYuan >= c.minSpendYuan) problems.add(file, c.id, `${field}.amountYuan`, 'must be below the minimum spend');
      return {
        kind: 'coupon',
        ...resolve(c, field),
        amount: yuanToFen(c.amountYuan),
        minSpend: yuanToFen(c.minSpendYuan),
        where: c.where,
        validDaysAfterClaim: c.validDaysAfterClaim,
        perBuyer: c.perBuyer,
      };
    }),
    ...data.gifts.map((g, i): Promotion => ({
      kind: 'gift',
      ...resolve(g, `gifts.${i}`),
      gift: g.gift,
      minQuantity: g.minQuantity,
      minSpend: g.minSpendYuan === undefined ? undefined : yuanToFen(g.minSpendYuan),
      whileStocksLast: g.whileStocksLast,
    })),
  ];
  const priceProtection = { ...data.priceProtection, source: { file: PROMOTIONS_FILE, field: 'priceProtection' } };
  return new Promotions(data.stacking, promotions, activities, priceProtection);
}

/** The shop profile against itself and the promotions: couriers, areas, programmes, the 催付 coupon. */
export function checkProfile(profile: ShopProfile, promotions: Promotions | undefined, file: string, problems: Problems): void {
  const { shipping } = profile;
  const offered = [shipping.defaultCourier, ...shipping.extraCouriers.map((c) => c.name)];
  offered.forEach((name, i) => {
    if (shipping.notOffered.includes(name))
      problems.add(file, undefined, i === 0 ? 'shipping.defaultCourier' : `shipping.extraCouriers.${i - 1}.name`, `${name} is also listed in shipping.notOffered`);
  });
  shipping.restrictedAreas.forEach((area, i) =>
    area.onlyCouriers.forEach((name, j) => {
      if (!offered.includes(name)) problems.add(file, undefined, `shipping.restrictedAreas.${i}.onlyCouriers.${j}`, `${name} is not one of the shop's couriers (${offered.join(', ')})`);
    }),
  );
  const tables = [
    { field: 'shipping.deliveryDays', table: shipping.deliveryDays },
    ...shipping.extraCouriers.flatMap((c, i) => (c.deliveryDays ? [{ field: `shipping.extraCouriers.${i}.deliveryDays`, table: c.deliveryDays }] : [])),
  ];
  for (const { field, table } of tables) {
    const listed = new Set<string>();
    table.byProvince.forEach((row, i) =>
      row.provinces.forEach((name, j) => {
        if (listed.has(name)) problems.add(file, undefined, `${field}.byProvince.${i}.provinces.${j}`, `${name} is listed twice`);
        listed.add(name);
      }),
    );
  }
  if (shipping.normalTransitDays !== shipping.deliveryDays.default.max)
    problems.warn(file, undefined, 'shipping.normalTransitDays', `is ${shipping.normalTransitDays}, deliveryDays.default.max is ${shipping.deliveryDays.default.max}: F10 calls a parcel late after normalTransitDays`);

  const ids = profile.programmes.map((p) => p.id);
  profile.programmes.forEach((programme, i) => {
    const field = `programmes.${i}`;
    if (ids.indexOf(programme.id) !== i) problems.add(file, undefined, `${field}.id`, `${programme.id} is listed twice`);
    if (programme.id === 'lightning_shipping' && shipping.promiseHours > 24)
      problems.add(file, undefined, `${field}.id`, `24小时闪电发货 contradicts shipping.promiseHours (${shipping.promiseHours} h)`);
    if (programme.id === 'return_insurance' && !shipping.returnInsurance.shopGives)
      problems.add(file, undefined, `${field}.id`, 'the shop does not give 运费险 (shipping.returnInsurance.shopGives is false)');
  });
  if (promotions) {
    const protects = ids.includes('price_protection');
    if (protects !== promotions.priceProtection.offered)
      problems.add(
        file,
        undefined,
        'programmes',
        protects ? 'lists price_protection, but promotions.yaml priceProtection.offered is false' : 'does not list price_protection, but promotions.yaml offers it',
      );
    const { couponId, amountYuan, minSpendYuan } = profile.unpaidOffers.coupon;
    if (couponId !== undefined) {
      const coupon = promotions.coupons.find((c) => c.id === couponId);
      if (!coupon) problems.add(file, undefined, 'unpaidOffers.coupon.couponId', `no coupon ${couponId} in promotions.yaml`);
      else if (coupon.amount !== yuanToFen(amountYuan) || coupon.minSpend !== yuanToFen(minSpendYuan))
        problems.add(file, undefined, 'unpaidOffers.coupon', `says ¥${amountYuan} off ¥${minSpendYuan}, but coupon ${couponId} in promotions.yaml is ¥${coupon.amount / 100} off ¥${coupon.minSpend / 100}`);
    }
  }
}
