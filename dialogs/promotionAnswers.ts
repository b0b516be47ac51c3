/**
 * Price and promotion questions answered from knowledge/promotions.yaml, limited to what was
 * asked: 价保 (with the item's activity prices it does not cover), a named activity (its dates,
 * its own offer, the items it leaves out, an item's part in it), whether the price now is an
 * activity price, bargaining (a polite no and, for the quantity said, the tier that applies),
 * whether two offers go together, gifts and their conditions (for the quantity said), whether an
 * item can use a 满减 or coupon (short by ¥X for the amount said), else what is on now. What the
 * data does not say is handed to a person. Pure: `now` passed in; decisions in policy/promotions.ts.
 */
import { extractEntities } from '../bot/nlu/entities.js';
import { simplify } from '../bot/nlu/normalize.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import {
  activityMeant,
  activityOffer,
  activityPricesOf,
  activePromotions,
  canStack,
  fullReductionDiscount,
  multiBuyTotal,
  offersOnDay,
  priceProtectionTerms,
  standingsOf,
  stockOf,
  whyPromotionNotApplied,
  type PricedSku,
  type Standing,
} from '../knowledge/policy/index.js';
import type { Activity, Promotion } from '../knowledge/promotions.js';
import type { ActivityKind } from '../knowledge/schema.js';
import { formatYuan } from '../templates/format.js';
import type { Templates } from '../templates/templates.js';
import type { ItemInQuestion } from './itemAnswers.js';
import { wishOf } from './skuAnswers.js';

export interface PromotionDeps {
  templates: Templates;
  knowledge: KnowledgeBase;
}

export interface PromotionReply {
  sentences: string[];
  /** The data does not answer (part of) the question: a person is asked. */
  handOff: boolean;
}

type Topic = 'full_reduction' | 'coupon' | 'gift' | 'calendar' | 'price_protection';

const TOPICS: [Topic, RegExp][] = [
  ['price_protection', /价保|保价|降价|补差价|退差价|差价/],
  ['calendar', /双11|双十一|双12|双十二|618|年货节|聚划算|下次活动|下个活动|下一次活动|什么时候有活动|啥时候有活动|几号开始|什么时候开始|啥时候开始/],
  ['coupon', /券/],
  ['full_reduction', /满减|凑单|满\d+减|夜场|累计|能减/],
  ['gift', /赠品|赠送|送什么|送啥|送东西|送吗|送不|送么|送嘛|有送|礼品|小样|[买拿满].{0,6}送/],
];
const BARGAINING = /便宜|优惠点|优惠一点|少点|少一点|砍价|抹零|太贵|贵了|打个折|能打折|改价|改个价|降点|让点|最低价|底价/;
/** Asks whether something can be used or takes part ("能用券吗", "参加夜场吗", "能满减吗"). */
const CAN_USE = /能用|可以用|可用|用得了|用不了|能不能用|参加|参与|适用|能满减|可以满减|能减|享受/;
const STACKS = /一起用|叠加|同时用|一块用|一起使用|同时使用|能叠|可叠/;
const ACTIVITY_PRICE = /活动价|是活动|原价|现价|日常价/;
/** The buyer asks what the activity gives, not only when. */
const ASKS_OFFER = /优惠|活动|减|折|便宜|力度|划算|参加|参与|有啥|有什么/;
/** A price asked with the promotion ("买两个多少钱 送啥"): the multi-buy total answers it. */
const PRICE_ASKED = /多少|价格|钱|一共|总共|合计|到手/;

/** Activity names as buyers write them: 双十一 for 双11, no year. */
const ACTIVITY_WORDS: [ActivityKind, RegExp][] = [
  ['double11', /双11|双十一/],
  ['double12', /双12|双十二/],
  ['618', /618/],
  ['new_year', /年货节/],
  ['juhuasuan', /聚划算/],
];

/** Words in promotion names that say nothing about which one (店铺满减 and 店铺券 share 店铺). */
const GENERIC_NAME_WORDS = new Set(['满减', '店铺', '优惠', '活动', '每满']);

/** What the message asks about promotions, read once. */
interface Asked {
  t: string;
  topics: Topic[];
  bargaining: boolean;
  activityKinds: ActivityKind[];
  /** 满减 and coupons named by their own words ("夜场", "美妆券") or tier ("满99减10的券"). */
  named: Promotion[];
}

function read(kb: KnowledgeBase, text: string): Asked {
  const t = simplify(text).toLowerCase();
  return {
    t,
    topics: TOPICS.filter(([, re]) => re.test(t)).map(([topic]) => topic),
    bargaining: BARGAINING.test(t),
    activityKinds: ACTIVITY_WORDS.filter(([, re]) => re.test(t)).map(([kind]) => kind),
    named: namedPromotions(kb, t),
  };
}

const bigrams = (s: string) => [...s.matchAll(/\p{Script=Han}+/gu)].flatMap(([run]) => [...run].slice(1).map((c, i) => run[i] + c));

/** Promotions (not gifts) the text names by a word of their name no other one has, or by a tier. */
function namedPromotions(kb: KnowledgeBase, t: string): Promotion[] {
  const offers = kb.promotions.all.filter((p) => p.kind !== 'gift');
  const words = new Map(offers.map((p) => [p, bigrams(p.name.replace(/满\d+减\d+/g, ' ')).filter((w) => !GENERIC_NAME_WORDS.has(w))]));
  const shared = (w: string, p: Promotion) => offers.some((o) => o !== p && words.get(o)!.includes(w));
  const byName = offers.filter((p) => words.get(p)!.some((w) => t.includes(w) && !shared(w, p)));
  const tiers = [...t.matchAll(/满(\d+)减(\d+)/g)].map((m) => ({ threshold: Number(m[1]) * 100, discount: Number(m[2]) * 100 }));
  const byTier = offers.filter((p) =>
    tiers.some((tier) => (p.kind === 'coupon' ? p.minSpend === tier.threshold && p.amount === tier.discount : p.kind === 'full_reduction' && p.tiers.some((x) => x.threshold === tier.threshold && x.discount === tier.discount))),
  );
  // "满99减10的券": the coupon, not the 满减 with the same tier.
  const kindSaid = /券/.test(t) ? 'coupon' : /满减|夜场/.test(t) ? 'full_reduction' : undefined;
  const tierMatches = byTier.filter((p) => kindSaid === undefined || p.kind === kindSaid);
  return [...new Set([...byName, ...tierMatches])];
}

/**
 * Questions the promotion answer takes before any price answer: 价保, a named activity or offer,
 * an activity price, bargaining, two offers together, a gift without a price asked.
 */
export function asksPromotionFirst(kb: KnowledgeBase, text: string): boolean {
  const asked = read(kb, text);
  const priceAsked = PRICE_ASKED.test(asked.t);
  return (
    asked.bargaining ||
    asked.topics.includes('price_protection') ||
    asked.named.length > 0 ||
    ACTIVITY_PRICE.test(asked.t) ||
    STACKS.test(asked.t) ||
    (asked.activityKinds.length > 0 && !priceAsked) ||
    (asked.topics.includes('gift') && !priceAsked)
  );
}

// ---------------------------------------------------------------------------------- phrases over data

const itemName = (kb: KnowledgeBase, itemId: string) => kb.catalogue.get(itemId)?.name ?? `商品${itemId}`;

/** A promotion as the templates name it (one shape for every kind): name, tiers unless the name says them, hours, scope, note. */
function describe(kb: KnowledgeBase, p: Promotion) {
  const scope = [...(p.items ?? []).map((id) => itemName(kb, id)), ...(p.categories ?? []).map((c) => `${c}类商品`)];
  const tiers = p.kind === 'full_reduction' ? p.tiers.map((t) => `${p.repeat ? '每' : ''}满${formatYuan(t.threshold)}减${formatYuan(t.discount)}`) : [];
  return {
    kind: p.kind,
    name: p.name,
    note: p.note ?? false,
    hours: p.window.dailyHours ? `${p.window.dailyHours.start}-${p.window.dailyHours.end}` : false,
    scope: scope.length ? scope.join('、') : false,
    tiers: tiers.every((x) => p.name.includes(x)) ? [] : tiers,
    capYuan: p.kind === 'full_reduction' && p.cap !== undefined ? formatYuan(p.cap) : false,
    where: p.kind === 'coupon' ? p.where : false,
    perBuyer: p.kind === 'coupon' ? p.perBuyer : false,
    validDays: (p.kind === 'coupon' && p.validDaysAfterClaim) || false,
    gift: p.kind === 'gift' ? p.gift : false,
    minQuantity: (p.kind === 'gift' && p.minQuantity) || false,
    minSpendYuan: p.kind === 'gift' && p.minSpend !== undefined ? formatYuan(p.minSpend) : false,
    whileStocksLast: p.kind === 'gift' && p.whileStocksLast,
  };
}

/** An activity's dates as said: whole days by date, else to the minute, the end as its last minute. */
function activityDates(a: Activity) {
  const midnight = (d: Date) => d.getTime() % 86_400_000 === 16 * 3_600_000;
  return { name: a.name, from: a.from, to: new Date(a.to.getTime() - 60_000), allDay: midnight(a.from) && midnight(a.to), note: a.note ?? false };
}

// ---------------------------------------------------------------------------------- what the buyer says they'd buy

interface Purchase {
  quantity: number;
  unit: string;
  /** The SKUs it may be (those named, else all on sale). */
  skus: PricedSku[];
}

/** "买一个750的", "我买两件", "奶油两袋椒盐一袋": how many (mentions of one unit added up), of which SKUs. */
function purchaseOf(text: string, item: ItemInQuestion | undefined, now: Date): Purchase | undefined {
  if (!item?.skus) return undefined;
  // "满99减10" names no SKU and no quantity.
  const said = simplify(text).toLowerCase().replace(/满\d+减\d+/g, ' ');
  const { wanted, named } = wishOf(said, item.skus, now);
  const rest = named.reduce((r, words) => r.split(words).join(' '), said);
  const first = extractEntities(rest, now);
  if (first.quantity === undefined || first.quantityUnit === undefined) return undefined;
  const unit = first.quantityUnit;
  const quantity = rest.split(new RegExp(`(?<=${unit})`)).reduce((n, piece) => {
    const e = extractEntities(piece, now);
    return n + (e.quantityUnit === unit ? e.quantity! : 0);
  }, 0);
  const skus = (Object.keys(wanted).length ? stockOf(item.skus, wanted).matches : item.skus.skus).filter((s) => s.onSale);
  return skus.length ? { quantity, unit, skus } : undefined;
}

/** One price for the purchase when its SKUs share one, else undefined (the answer stays general). */
const onePrice = (purchase: Purchase) => (new Set(purchase.skus.map((s) => s.price)).size === 1 ? purchase.skus[0]!.price : undefined);

/** The price most of the purchase's SKUs have (the cheaper on a tie): what "我拿三件" is reckoned at. */
function usualSku(purchase: Purchase): PricedSku {
  const count = (price: number) => purchase.skus.filter((s) => s.price === price).length;
  return [...purchase.skus].sort((a, b) => count(b.price) - count(a.price) || a.price - b.price)[0]!;
}

// ---------------------------------------------------------------------------------- answers

type Answer = (deps: PromotionDeps, asked: Asked, now: Date, item?: ItemInQuestion, purchase?: Purchase) => PromotionReply | undefined;
const said = (sentence: string, handOff = false): PromotionReply => ({ sentences: [sentence], handOff });

/** What an item can use instead, on the day of `at` (the activity's first day, or today). */
const insteadFor = (kb: KnowledgeBase, itemId: string, at: Date) => offersOnDay(kb, at, itemId).map((s) => describe(kb, s.promotion));

/** The 满减 and coupons valid today that leave the item out. */
const offersLeftOut = (kb: KnowledgeBase, itemId: string, now: Date) =>
  standingsOf(kb, itemId, now)
    .filter((s) => s.promotion.kind !== 'gift' && s.standing === 'excluded' && (s.timing === 'open' || s.timing === 'outside_hours'))
    .map((s) => s.promotion);

const priceProtectionAnswer: Answer = ({ templates, knowledge }, asked, now, item) => {
  if (!asked.topics.includes('price_protection')) return undefined;
  const { terms, notCovered } = priceProtectionTerms(knowledge, now, item?.itemId);
  return said(
    templates.render('presale.promotionPriceProtection', {
      offered: terms.offered,
      days: terms.days ?? false,
      excludes: terms.excludes,
      how: terms.how ?? false,
      item: item ? itemName(knowledge, item.itemId) : false,
      notCovered: notCovered.map((p) => ({ activity: p.activity.name, from: p.activity.from, running: p.timing === 'running', price: p.price })),
    }),
  );
};

const activityAnswer: Answer = ({ templates, knowledge }, asked, now, item) => {
  if (!asked.activityKinds.length) return undefined;
  const activity = activityMeant(knowledge, asked.activityKinds, now, { itemId: item?.itemId, laterYear: /明年/.test(asked.t) });
  if (!activity) return undefined;
  const offer = activityOffer(knowledge, activity, now, item?.itemId);
  const asksOffer = ASKS_OFFER.test(asked.t.replace(/活动$/, ''));
  const standing = offer.item?.takesPart;
  // Asked what it gives and the data has no offer for it (or not whether the item takes part): a person.
  const unknown = asksOffer && offer.timing !== 'ended' && (item ? standing === undefined : offer.promotions.length === 0 && offer.activity.prices.length === 0);
  return said(
    templates.render('presale.promotionActivity', {
      ...activityDates(activity),
      ended: offer.timing === 'ended',
      running: offer.timing === 'running',
      offers: offer.timing === 'ended' ? [] : offer.promotions.map((p) => describe(knowledge, p)),
      excluded: offer.excludedItemIds.map((id) => itemName(knowledge, id)),
      onlyItems: item ? [] : (activity.items ?? []).map((id) => itemName(knowledge, id)),
      prices: item ? [] : activity.prices.map((p) => ({ name: itemName(knowledge, p.itemId), price: p.price })),
      item: offer.item && standing !== undefined
        ? { name: itemName(knowledge, offer.item.itemId), takesPart: standing, price: offer.item.price ?? false, leftOutOf: offer.item.leftOutOf.map((p) => p.name) }
        : false,
      instead: item && standing === false ? insteadFor(knowledge, item.itemId, offer.timing === 'upcoming' ? activity.from : now) : [],
      unknown,
    }),
    unknown,
  );
};

const activityPriceAnswer: Answer = ({ templates, knowledge }, asked, now, item) => {
  if (!item?.skus || !ACTIVITY_PRICE.test(asked.t)) return undefined;
  const prices = item.skus.skus.filter((s) => s.onSale).map((s) => s.price);
  if (!prices.length) return undefined;
  const activities = activityPricesOf(knowledge, item.itemId, now);
  return said(
    templates.render('presale.promotionActivityPrice', {
      name: itemName(knowledge, item.itemId),
      low: Math.min(...prices),
      high: Math.max(...prices) === Math.min(...prices) ? false : Math.max(...prices),
      activities: activities.map((p) => ({ ...activityDates(p.activity), running: p.timing === 'running', price: p.price })),
    }),
  );
};

const bargainAnswer: Answer = ({ templates, knowledge }, asked, now, item, purchase) => {
  if (!asked.bargaining || !item || !purchase) return undefined;
  const sku = usualSku(purchase);
  const total = multiBuyTotal(knowledge, { itemId: item.itemId, skuId: sku.skuId, unitPrice: sku.price, quantity: purchase.quantity }, now);
  const reduction = total.discounts.find((d) => d.promotion.kind === 'full_reduction');
  const tier = reduction?.promotion.kind === 'full_reduction' ? fullReductionDiscount(reduction.promotion, total.subtotal).tier : undefined;
  const coupon = total.discounts.find((d) => d.promotion.kind === 'coupon');
  return said(
    templates.render('presale.promotionBargain', {
      name: itemName(knowledge, item.itemId),
      quantity: purchase.quantity,
      unit: purchase.unit,
      // Several prices among the SKUs meant: say which one the sum is for.
      unitPrice: onePrice(purchase) === undefined ? total.unitPrice : false,
      subtotal: total.subtotal,
      reduction: reduction && tier ? { name: reduction.promotion.name, tier: `满${formatYuan(tier.threshold)}减${formatYuan(tier.discount)}`, amount: reduction.amount } : false,
      coupon: coupon ? { name: coupon.promotion.name, amount: coupon.amount } : false,
      goodsTotal: total.goodsTotal,
      gifts: total.gifts.map((g) => g.gift),
      // Nothing applies because the item is left out: say so ("大衣不参加店铺满减").
      excludedFrom: total.discounts.length ? [] : offersLeftOut(knowledge, item.itemId, now).map((p) => p.name),
      nextTier: total.nextTier ? { shortBy: total.nextTier.shortBy, tier: `满${formatYuan(total.nextTier.threshold)}减${formatYuan(total.nextTier.discount)}` } : false,
    }),
  );
};

const stackingAnswer: Answer = ({ templates, knowledge }, asked, now) => {
  if (!STACKS.test(asked.t)) return undefined;
  const open = activePromotions(knowledge, now).promotions;
  const coupons = asked.named.filter((p) => p.kind === 'coupon');
  const twoCoupons = coupons.length >= 2 || /两张|2张|多张|几张/.test(asked.t);
  // What the buyer named, else the first open one of that kind.
  const firstOpen = (kind: Promotion['kind'], other?: Promotion) => open.find((p) => p.kind === kind && p !== other)!;
  const pair: [Promotion, Promotion] | undefined = twoCoupons
    ? [coupons[0] ?? firstOpen('coupon'), coupons[1] ?? firstOpen('coupon', coupons[0])]
    : asked.topics.includes('coupon') && asked.topics.includes('full_reduction')
      ? [coupons[0] ?? firstOpen('coupon'), asked.named.find((p) => p.kind === 'full_reduction') ?? firstOpen('full_reduction')]
      : undefined;
  if (!pair || pair.some((p) => p === undefined)) return undefined;
  const stack = canStack(knowledge, pair[0], pair[1]);
  const generic = coupons.length === 0 && asked.named.length === 0;
  return said(
    templates.render('presale.promotionStacking', { a: generic ? false : pair[0].name, b: generic ? false : pair[1].name, twoCoupons, stack: stack === undefined ? 'unknown' : stack ? 'yes' : 'no' }),
    stack === undefined,
  );
};

const giftAnswer: Answer = ({ templates, knowledge }, asked, now, item, purchase) => {
  if (!item || !asked.topics.includes('gift') || asked.topics.length > 1) return undefined;
  const gifts = offersOnDay(knowledge, now, item.itemId)
    .map((s) => s.promotion)
    .filter((p) => p.kind === 'gift');
  const name = itemName(knowledge, item.itemId);
  const price = purchase && onePrice(purchase);
  return said(
    templates.render('presale.promotionGift', {
      name,
      gifts: gifts.map((gift) => {
        const check =
          purchase &&
          whyPromotionNotApplied(knowledge, { lines: purchase.skus.map((s) => ({ itemId: item.itemId, skuId: s.skuId, unitPrice: s.price, quantity: purchase.quantity })).slice(0, price === undefined ? purchase.skus.length : 1), paidAt: now, promotionId: gift.id });
        const quantityShort = check?.reasons.find((r) => r.code === 'quantity_short');
        const spendShort = check?.reasons.find((r) => r.code === 'threshold_short');
        return {
          ...describe(knowledge, gift),
          unit: purchase?.unit ?? (gift.kind === 'gift' && gift.minQuantity ? /几([件个双条套只盒瓶包支袋罐箱提份卷片])/.exec(asked.t)?.[1] ?? '件' : '件'),
          check: check
            ? {
                quantity: purchase!.quantity,
                reached: check.applied,
                moreUnits: quantityShort?.code === 'quantity_short' ? quantityShort.minQuantity - quantityShort.quantity : false,
                // Short by an amount only for one price (several SKUs priced differently: just "not yet").
                spend: price === undefined ? false : price * purchase!.quantity,
                range: price === undefined ? { low: Math.min(...purchase!.skus.map((s) => s.price)) * purchase!.quantity, high: Math.max(...purchase!.skus.map((s) => s.price)) * purchase!.quantity } : false,
                shortByYuan: spendShort?.code === 'threshold_short' && price !== undefined ? formatYuan(spendShort.shortBy) : false,
              }
            : false,
        };
      }),
    }),
  );
};

const eligibilityAnswer: Answer = ({ templates, knowledge }, asked, now, item, purchase) => {
  if (!item) return undefined;
  const topics = asked.topics.filter((x): x is 'coupon' | 'full_reduction' => x === 'coupon' || x === 'full_reduction');
  const asksCanUse = CAN_USE.test(asked.t) && topics.length > 0;
  if (!asked.named.length && !asksCanUse) return undefined;
  // The ones named, else those of the kinds asked valid today (excluded ones included: "不能用").
  const asking = asked.named.length
    ? asked.named
    : knowledge.promotions.all.filter((p) => topics.includes(p.kind as 'coupon' | 'full_reduction') && !p.activityId);
  // Asked in general ("能用券吗"): those valid today that concern the item (eligible or excluded), not other categories'.
  const standings = standingsOf(knowledge, item.itemId, now, asking).filter(
    (s) => asked.named.length > 0 || ((s.timing === 'open' || s.timing === 'outside_hours') && s.standing !== 'out_of_scope'),
  );
  if (!standings.length) return undefined;
  const price = purchase && onePrice(purchase);
  const row = (s: Standing) => {
    const check =
      purchase && price !== undefined && s.standing === 'eligible' && s.promotion.kind !== 'gift'
        ? whyPromotionNotApplied(knowledge, { lines: [{ itemId: item.itemId, unitPrice: price, quantity: purchase.quantity }], paidAt: now, promotionId: s.promotion.id }).reasons.find((r) => r.code === 'threshold_short')
        : undefined;
    return {
      ...describe(knowledge, s.promotion),
      standing: s.standing,
      timing: s.timing,
      start: s.promotion.window.dailyHours?.start ?? false,
      from: s.promotion.window.from,
      purchase: purchase && price !== undefined && s.standing === 'eligible' ? { quantity: purchase.quantity, unit: purchase.unit, spend: price * purchase.quantity } : false,
      short: check?.code === 'threshold_short' ? { shortByYuan: formatYuan(check.shortBy), thresholdYuan: formatYuan(check.threshold) } : false,
    };
  };
  const usable = standings.some((s) => s.standing === 'eligible');
  return said(
    templates.render('presale.promotionItem', {
      name: itemName(knowledge, item.itemId),
      rows: standings.map(row),
      usable,
      instead: usable ? [] : insteadFor(knowledge, item.itemId, now),
    }),
  );
};

/** What is on now (the item's exclusions, tiers, coupons, gifts, the next activity), limited to the topics asked. */
function overviewAnswer({ templates, knowledge }: PromotionDeps, asked: Asked, now: Date, item?: ItemInQuestion): PromotionReply {
  const { topics } = asked;
  const itemId = item?.itemId;
  const wants = (topic: Topic) => topics.length === 0 || topics.includes(topic);
  const open = activePromotions(knowledge, now, itemId);
  const current = offersOnDay(knowledge, now, itemId).map((s) => s.promotion);
  const shown = (kind: Promotion['kind'], topic: Topic) => (wants(topic) ? current.filter((p) => p.kind === kind).map((p) => describe(knowledge, p)) : []);
  // The item's exclusions, when its promotions are asked about.
  const notFor = itemId
    ? offersLeftOut(knowledge, itemId, now)
        .filter((p) => wants(p.kind === 'coupon' ? 'coupon' : 'full_reduction') || asked.bargaining)
        .map((p) => p.name)
    : [];
  const nextActivity = topics.includes('calendar') ? (open.running[0] ?? open.upcoming[0]) : undefined;
  const fullReductions = shown('full_reduction', 'full_reduction');
  const coupons = shown('coupon', 'coupon');
  const gifts = shown('gift', 'gift');
  const running = topics.length === 0 ? open.running.map((a) => ({ name: a.name, to: activityDates(a).to })) : [];
  return said(
    templates.render('presale.promotions', {
      bargaining: asked.bargaining,
      // A question about one thing gets its details (notes such as 可以累计); a general one the list.
      detailed: topics.length > 0,
      nothing: !nextActivity && notFor.length + fullReductions.length + coupons.length + gifts.length + running.length === 0,
      item: itemId ? itemName(knowledge, itemId) : false,
      notFor,
      fullReductions,
      coupons,
      gifts,
      askedGift: topics.includes('gift'),
      stacking: knowledge.promotions.stacking.couponWithFullReduction && wants('coupon') && wants('full_reduction') && topics.length !== 1,
      activity: nextActivity ? { ...activityDates(nextActivity), running: open.running.includes(nextActivity) } : false,
      running,
    }),
  );
}

/** The focused answers, in order; the first that applies answers, else the overview. */
const ANSWERS: Answer[] = [priceProtectionAnswer, activityAnswer, activityPriceAnswer, bargainAnswer, stackingAnswer, giftAnswer, eligibilityAnswer];

export function promotionsAnswer(deps: PromotionDeps, text: string, now: Date, item?: ItemInQuestion): PromotionReply {
  const asked = read(deps.knowledge, text);
  const purchase = purchaseOf(text, item, now);
  for (const answer of ANSWERS) {
    const reply = answer(deps, asked, now, item, purchase);
    if (reply) return reply;
  }
  return overviewAnswer(deps, asked, now, item);
}
