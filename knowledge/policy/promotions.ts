/**
 * Promotions over order lines (knowledge/promotions.yaml): what is on now, why a 满减 or coupon
 * did not apply to an order, and what N of an item cost with everything that applies.
 *
 * The model (docs/presale.md): a promotion counts the lines in its scope and not excluded; 满减
 * takes the best tier the eligible subtotal reaches (每满: as often as it fits, up to its cap);
 * a coupon's minimum spend is checked on the same eligible subtotal, before any discount; with
 * `stacking.couponWithFullReduction` both apply, else the larger of the two. Postage is on the
 * goods total after discounts. An activity price (聚划算…) replaces the list price while it runs.
 */
import type { KnowledgeBase } from '../knowledgeBase.js';
import type { Activity, Coupon, FullReduction, Gift, PriceProtection, Promotion, PromotionScope, PromotionWindow } from '../promotions.js';
import type { Source } from '../source.js';
import type { Fen } from './money.js';
import { postage, deliveryEstimate, type PostageAnswer } from './shipping.js';
import { addDays, inDailySpan } from './time.js';

/** One order line as promotions see it. `category` from the catalogue, when the item has a file. */
export interface PricedLine {
  itemId: string;
  skuId?: string;
  category?: string;
  /** The price per unit before promotions (the order line's `price`). */
  unitPrice: Fen;
  quantity: number;
}

/** Whether a window is open at `at`: from ≤ at < to, and inside its daily hours if it has any. */
export function inWindow(window: PromotionWindow, at: Date): boolean {
  if (at.getTime() < window.from.getTime()) return false;
  if (window.to && at.getTime() >= window.to.getTime()) return false;
  return !window.dailyHours || inDailySpan(at, window.dailyHours);
}

export type LineStanding = 'eligible' | 'excluded' | 'out_of_scope';

/** excluded: named in excludedItems/Categories; out_of_scope: the promotion is for other items only. */
export function lineStanding(scope: PromotionScope, line: Pick<PricedLine, 'itemId' | 'category'>): LineStanding {
  if (scope.excludedItems.includes(line.itemId)) return 'excluded';
  if (line.category !== undefined && scope.excludedCategories.includes(line.category)) return 'excluded';
  const limited = scope.items !== undefined || scope.categories !== undefined;
  const listed = (scope.items?.includes(line.itemId) ?? false) || (line.category !== undefined && (scope.categories?.includes(line.category) ?? false));
  return limited && !listed ? 'out_of_scope' : 'eligible';
}

const lineTotal = (line: PricedLine) => line.unitPrice * line.quantity;
const sum = (lines: PricedLine[]) => lines.reduce((total, l) => total + lineTotal(l), 0);

/** 满减 on an eligible subtotal: the discount, the tier reached (and how often, for 每满). */
export function fullReductionDiscount(promotion: FullReduction, subtotal: Fen): { discount: Fen; tier?: FullReduction['tiers'][number]; times: number } {
  if (promotion.repeat) {
    const tier = promotion.tiers[0]!;
    const times = Math.floor(subtotal / tier.threshold);
    const raw = times * tier.discount;
    return { discount: promotion.cap === undefined ? raw : Math.min(raw, promotion.cap), tier: times > 0 ? tier : undefined, times };
  }
  const tier = [...promotion.tiers].reverse().find((t) => subtotal >= t.threshold);
  return { discount: tier?.discount ?? 0, tier, times: tier ? 1 : 0 };
}

export interface ActivePromotions {
  /** 满减, coupons and gifts open now (for the item, when one is given), in file order. */
  promotions: Promotion[];
  /** Activities running now. */
  running: Activity[];
  /** Activities still to come, soonest first. */
  upcoming: Activity[];
  priceProtection: PriceProtection;
}

const activityCovers = (activity: Activity, itemId?: string) => itemId === undefined || !activity.items || activity.items.includes(itemId);

/** What is on at `now`, for the whole shop or for one item (excluded and out-of-scope ones left out). */
export function activePromotions(kb: KnowledgeBase, now: Date, itemId?: string): ActivePromotions {
  const { promotions } = kb;
  const category = itemId === undefined ? undefined : kb.catalogue.categoryOf(itemId);
  const forItem = (p: Promotion) => itemId === undefined || lineStanding(p, { itemId, category }) === 'eligible';
  return {
    promotions: promotions.all.filter((p) => inWindow(p.window, now) && forItem(p)),
    running: promotions.activities.filter((a) => inWindow(a, now) && activityCovers(a, itemId)),
    upcoming: promotions.activities
      .filter((a) => a.from.getTime() > now.getTime() && activityCovers(a, itemId))
      .sort((x, y) => x.from.getTime() - y.from.getTime()),
    priceProtection: promotions.priceProtection,
  };
}

export type NotAppliedReason =
  | { code: 'unknown_promotion'; promotionId: string }
  | { code: 'not_started'; startsAt: Date }
  | { code: 'ended'; endedAt: Date }
  | { code: 'outside_hours'; hours: { start: string; end: string } }
  /** A coupon valid N days after claiming, past that. */
  | { code: 'claim_expired'; expiredAt: Date; validDaysAfterClaim: number }
  | { code: 'not_claimed' }
  | { code: 'already_used' }
  /** Lines the promotion excludes by item or category. */
  | { code: 'item_excluded'; itemIds: string[] }
  /** Lines outside a promotion limited to certain items or categories. */
  | { code: 'not_in_scope'; itemIds: string[] }
  | { code: 'threshold_short'; threshold: Fen; eligibleSubtotal: Fen; shortBy: Fen }
  | { code: 'quantity_short'; minQuantity: number; quantity: number };
export type NotAppliedCode = NotAppliedReason['code'];

export interface PromotionCheck {
  promotion?: Promotion;
  /** Every condition held: it did apply (or would, for an unpaid order). */
  applied: boolean;
  /** What it gives on this order when applied (0 for gifts and when not applied). */
  discount: Fen;
  /** The subtotal of the lines it counts. */
  eligibleSubtotal: Fen;
  /** Why not, every reason found (empty when applied). */
  reasons: NotAppliedReason[];
  /** Lines it does not count, applied or not: a smaller base than the buyer may think. */
  excludedItemIds: string[];
  sources: Source[];
}

export interface PromotionQuestion {
  lines: PricedLine[];
  /** When the order was paid (or now, for an unpaid order): promotions are judged at this moment. */
  paidAt: Date;
  promotionId: string;
  /** Coupons: when the buyer claimed it (for `validDaysAfterClaim`), whether they had, and whether it was used on another order. */
  claimedAt?: Date;
  claimed?: boolean;
  alreadyUsed?: boolean;
}

/**
 * "满199减20怎么没减": every reason a promotion or coupon did not apply to these lines at
 * `paidAt` — not started, ended, outside its hours, lines excluded or outside its scope, the
 * threshold short by ¥X, a coupon expired, not claimed or already used — or `applied: true`.
 */
export function whyPromotionNotApplied(kb: KnowledgeBase, q: PromotionQuestion): PromotionCheck {
  const promotion = kb.promotions.byId(q.promotionId);
  if (!promotion)
    return { applied: false, discount: 0, eligibleSubtotal: 0, reasons: [{ code: 'unknown_promotion', promotionId: q.promotionId }], excludedItemIds: [], sources: [] };
  const reasons: NotAppliedReason[] = [];
  const { window } = promotion;
  const t = q.paidAt.getTime();
  if (t < window.from.getTime()) reasons.push({ code: 'not_started', startsAt: window.from });
  else if (window.to && t >= window.to.getTime()) reasons.push({ code: 'ended', endedAt: window.to });
  else if (window.dailyHours && !inDailySpan(q.paidAt, window.dailyHours)) reasons.push({ code: 'outside_hours', hours: window.dailyHours });

  if (promotion.kind === 'coupon') {
    if (q.claimed === false) reasons.push({ code: 'not_claimed' });
    if (q.alreadyUsed) reasons.push({ code: 'already_used' });
    if (promotion.validDaysAfterClaim !== undefined && q.claimedAt) {
      const expiredAt = addDays(q.claimedAt, promotion.validDaysAfterClaim);
      if (t >= expiredAt.getTime() && !reasons.some((r) => r.code === 'ended'))
        reasons.push({ code: 'claim_expired', expiredAt, validDaysAfterClaim: promotion.validDaysAfterClaim });
    }
  }

  const lines = q.lines.map((line) => ({ ...line, category: line.category ?? kb.catalogue.categoryOf(line.itemId) }));
  const standing = lines.map((line) => ({ line, standing: lineStanding(promotion, line) }));
  const eligible = standing.filter((s) => s.standing === 'eligible').map((s) => s.line);
  const excluded = standing.filter((s) => s.standing === 'excluded').map((s) => s.line.itemId);
  const outOfScope = standing.filter((s) => s.standing === 'out_of_scope').map((s) => s.line.itemId);
  const eligibleSubtotal = sum(eligible);
  const threshold = promotion.kind === 'full_reduction' ? promotion.tiers[0]!.threshold : promotion.kind === 'coupon' ? promotion.minSpend : (promotion.minSpend ?? 0);
  if (eligibleSubtotal < threshold || eligible.length === 0) {
    if (excluded.length) reasons.push({ code: 'item_excluded', itemIds: [...new Set(excluded)] });
    if (outOfScope.length) reasons.push({ code: 'not_in_scope', itemIds: [...new Set(outOfScope)] });
    if (eligibleSubtotal < threshold) reasons.push({ code: 'threshold_short', threshold, eligibleSubtotal, shortBy: threshold - eligibleSubtotal });
  }
  if (promotion.kind === 'gift' && promotion.minQuantity !== undefined) {
    const quantity = eligible.reduce((n, l) => n + l.quantity, 0);
    if (quantity < promotion.minQuantity) reasons.push({ code: 'quantity_short', minQuantity: promotion.minQuantity, quantity });
  }

  const applied = reasons.length === 0;
  const discount = !applied
    ? 0
    : promotion.kind === 'full_reduction'
      ? fullReductionDiscount(promotion, eligibleSubtotal).discount
      : promotion.kind === 'coupon'
        ? promotion.amount
        : 0;
  return { promotion, applied, discount, eligibleSubtotal, reasons, excludedItemIds: [...new Set([...excluded, ...outOfScope])], sources: [promotion.source] };
}

export interface MultiBuyInput {
  itemId: string;
  skuId?: string;
  category?: string;
  /** The SKU's list price (the order system's). */
  unitPrice: Fen;
  quantity: number;
  /** For postage and courier surcharge; undefined: a destination that is not remote, the default courier. */
  province?: string;
  courier?: string;
}

export interface AppliedDiscount {
  promotion: FullReduction | Coupon;
  amount: Fen;
}

export interface MultiBuyTotal {
  /** The unit price paid: the activity price while an activity with one runs, else the list price. */
  unitPrice: Fen;
  listUnitPrice: Fen;
  /** The activity whose price applies. */
  activity?: Activity;
  quantity: number;
  subtotal: Fen;
  /** The best 满减 and the best coupon (assuming the buyer claims it), as stacking allows. */
  discounts: AppliedDiscount[];
  gifts: Gift[];
  /** subtotal − discounts. */
  goodsTotal: Fen;
  postage: PostageAnswer;
  courierSurcharge: Fen;
  /** goodsTotal + postage + surcharge; undefined when the shop does not ship there (see postage). */
  total?: Fen;
  /** The next 满减 tier within reach: how much more, and how many more of this SKU that is. */
  nextTier?: { promotion: FullReduction; threshold: Fen; discount: Fen; shortBy: Fen; moreUnits: number };
  sources: Source[];
}

function activityPrice(kb: KnowledgeBase, input: MultiBuyInput, now: Date): { activity: Activity; price: Fen } | undefined {
  for (const activity of kb.promotions.activities) {
    if (!inWindow(activity, now)) continue;
    const price = activity.prices.find((p) => p.itemId === input.itemId && (!p.skuIds || (input.skuId !== undefined && p.skuIds.includes(input.skuId))));
    if (price) return { activity, price: price.price };
  }
  return undefined;
}

/** "买五袋多少钱": N of one SKU at `now`, with the promotions that apply, postage and total. */
export function multiBuyTotal(kb: KnowledgeBase, input: MultiBuyInput, now: Date): MultiBuyTotal {
  const special = activityPrice(kb, input, now);
  const unitPrice = special?.price ?? input.unitPrice;
  const category = input.category ?? kb.catalogue.categoryOf(input.itemId);
  const line: PricedLine = { itemId: input.itemId, skuId: input.skuId, category, unitPrice, quantity: input.quantity };
  const subtotal = lineTotal(line);
  const open = activePromotions(kb, now, input.itemId).promotions.filter((p) => lineStanding(p, line) === 'eligible');

  const reductions: AppliedDiscount[] = open
    .filter((p): p is FullReduction => p.kind === 'full_reduction')
    .map((promotion) => ({ promotion, amount: fullReductionDiscount(promotion, subtotal).discount }))
    .filter((d) => d.amount > 0)
    .sort((a, b) => b.amount - a.amount);
  const coupons: AppliedDiscount[] = open
    .filter((p): p is Coupon => p.kind === 'coupon' && subtotal >= p.minSpend)
    .map((promotion) => ({ promotion, amount: promotion.amount }))
    .sort((a, b) => b.amount - a.amount);
  const best = [reductions[0], coupons[0]].filter((d): d is AppliedDiscount => d !== undefined);
  const discounts = kb.promotions.stacking.couponWithFullReduction ? best : best.sort((a, b) => b.amount - a.amount).slice(0, 1);
  const discountTotal = Math.min(subtotal, discounts.reduce((n, d) => n + d.amount, 0));
  const goodsTotal = subtotal - discountTotal;

  const gifts = open.filter(
    (p): p is Gift => p.kind === 'gift' && (p.minQuantity === undefined || input.quantity >= p.minQuantity) && (p.minSpend === undefined || subtotal >= p.minSpend),
  );

  const postageAnswer = postage(kb.profile, goodsTotal, input.province);
  const delivery = input.province !== undefined || input.courier !== undefined ? deliveryEstimate(kb.profile, input.province ?? kb.profile.shipping.shipFrom.province, input.courier) : undefined;
  const courierSurcharge = delivery?.served ? delivery.surcharge : 0;
  const served = postageAnswer.served && (delivery === undefined || delivery.served);
  const total = served ? goodsTotal + (postageAnswer.served ? postageAnswer.postage : 0) + courierSurcharge : undefined;

  let nextTier: MultiBuyTotal['nextTier'];
  for (const promotion of open.filter((p): p is FullReduction => p.kind === 'full_reduction' && !p.repeat)) {
    const tier = promotion.tiers.find((t) => t.threshold > subtotal);
    if (!tier) continue;
    const shortBy = tier.threshold - subtotal;
    const candidate = { promotion, threshold: tier.threshold, discount: tier.discount, shortBy, moreUnits: Math.ceil(shortBy / unitPrice) };
    if (!nextTier || candidate.shortBy < nextTier.shortBy) nextTier = candidate;
  }

  return {
    unitPrice,
    listUnitPrice: input.unitPrice,
    activity: special?.activity,
    quantity: input.quantity,
    subtotal,
    discounts,
    gifts,
    goodsTotal,
    postage: postageAnswer,
    courierSurcharge,
    total,
    nextTier,
    sources: [
      ...(special ? [special.activity.source] : []),
      ...discounts.map((d) => d.promotion.source),
      ...gifts.map((g) => g.source),
      ...postageAnswer.sources,
      ...(delivery?.sources ?? []),
    ],
  };
}

export type PriceProtectionAnswer =
  | { eligible: true; refundPerUnit: Fen; refund: Fen; endsAt: Date; source: Source }
  | { eligible: false; reason: 'not_offered' | 'expired' | 'no_drop' | 'excluded_price'; endsAt?: Date; source: Source };

/**
 * 价保: does a price drop after paying earn the difference back? Within `days` of payment, for a
 * lower price that is not an excluded activity price (e.g. 聚划算).
 */
export function priceProtection(
  kb: KnowledgeBase,
  claim: { paidAt: Date; paidUnitPrice: Fen; quantity: number; currentUnitPrice: Fen; currentActivityKind?: Activity['kind'] },
  now: Date,
): PriceProtectionAnswer {
  const pp = kb.promotions.priceProtection;
  if (!pp.offered || pp.days === undefined) return { eligible: false, reason: 'not_offered', source: pp.source };
  const endsAt = addDays(claim.paidAt, pp.days);
  if (now.getTime() >= endsAt.getTime()) return { eligible: false, reason: 'expired', endsAt, source: pp.source };
  if (claim.currentActivityKind && pp.excludedActivityKinds.includes(claim.currentActivityKind)) return { eligible: false, reason: 'excluded_price', endsAt, source: pp.source };
  const drop = claim.paidUnitPrice - claim.currentUnitPrice;
  if (drop <= 0) return { eligible: false, reason: 'no_drop', endsAt, source: pp.source };
  return { eligible: true, refundPerUnit: drop, refund: drop * claim.quantity, endsAt, source: pp.source };
}

// ---------------------------------------------------------------------------------- questions about an item

export type WindowTiming = 'open' | 'outside_hours' | 'not_started' | 'ended';

/** Where `at` falls in a window: open, on a valid day but outside its daily hours, before, after. */
export function windowTiming(window: PromotionWindow, at: Date): WindowTiming {
  if (at.getTime() < window.from.getTime()) return 'not_started';
  if (window.to && at.getTime() >= window.to.getTime()) return 'ended';
  return inWindow(window, at) ? 'open' : 'outside_hours';
}

export interface Standing {
  promotion: Promotion;
  standing: LineStanding;
  timing: WindowTiming;
}

/** How one item stands in each promotion at `at` (every promotion when none are given). */
export function standingsOf(kb: KnowledgeBase, itemId: string, at: Date, promotions: Promotion[] = kb.promotions.all): Standing[] {
  const line = { itemId, category: kb.catalogue.categoryOf(itemId) };
  return promotions.map((promotion) => ({ promotion, standing: lineStanding(promotion, line), timing: windowTiming(promotion.window, at) }));
}

/**
 * What an item (or the whole shop) can use on the day of `at`: promotions open then, and those
 * valid that day outside their hours (家居夜场 asked in the morning), with their timing.
 */
export function offersOnDay(kb: KnowledgeBase, at: Date, itemId?: string): Standing[] {
  const all = itemId === undefined
    ? kb.promotions.all.map((promotion) => ({ promotion, standing: 'eligible' as const, timing: windowTiming(promotion.window, at) }))
    : standingsOf(kb, itemId, at);
  return all.filter((s) => s.standing === 'eligible' && (s.timing === 'open' || s.timing === 'outside_hours'));
}

export type ActivityTiming = 'running' | 'upcoming' | 'ended';

const activityTiming = (activity: Activity, now: Date): ActivityTiming =>
  now.getTime() < activity.from.getTime() ? 'upcoming' : now.getTime() >= activity.to.getTime() ? 'ended' : 'running';

/**
 * The activity of these kinds a buyer means: for an item, one it takes part in when there is one;
 * the one running or next, else the last that ended. `laterYear` ("明年618"): one starting in a
 * later year than `now`.
 */
export function activityMeant(kb: KnowledgeBase, kinds: Activity['kind'][], now: Date, options: { itemId?: string; laterYear?: boolean } = {}): Activity | undefined {
  const year = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).getUTCFullYear();
  let ofKind = kb.promotions.activities.filter((a) => kinds.includes(a.kind)).sort((a, b) => a.from.getTime() - b.from.getTime());
  if (options.laterYear) ofKind = ofKind.filter((a) => year(a.from) > year(now));
  const forItem = ofKind.filter((a) => activityCovers(a, options.itemId));
  const pool = forItem.length ? forItem : ofKind;
  return pool.find((a) => a.to.getTime() > now.getTime()) ?? pool.at(-1);
}

export interface ActivityOffer {
  activity: Activity;
  timing: ActivityTiming;
  /** The 满减, coupons and gifts that belong to it (none: its offer is not in the data). */
  promotions: Promotion[];
  /** Items every one of its promotions excludes. */
  excludedItemIds: string[];
  /**
   * For the item asked about: whether it takes part (undefined: the data does not say, an activity
   * with no offer, prices or items listed), its activity price, the activity's promotions it is left out of.
   */
  item?: { itemId: string; takesPart?: boolean; price?: Fen; leftOutOf: Promotion[] };
}

/** "双12有什么优惠", "双12大衣有活动吗": an activity's own offer, dates and the items it leaves out. */
export function activityOffer(kb: KnowledgeBase, activity: Activity, now: Date, itemId?: string): ActivityOffer {
  const promotions = kb.promotions.all.filter((p) => p.activityId === activity.id);
  const excludedItemIds = promotions.length ? promotions.map((p) => p.excludedItems).reduce((common, ids) => common.filter((id) => ids.includes(id))) : [];
  const offer: ActivityOffer = { activity, timing: activityTiming(activity, now), promotions, excludedItemIds };
  if (itemId === undefined) return offer;
  const price = activity.prices.find((p) => p.itemId === itemId)?.price;
  const standings = standingsOf(kb, itemId, activity.from, promotions);
  const leftOutOf = standings.filter((s) => s.standing !== 'eligible').map((s) => s.promotion);
  const known = promotions.length > 0 || activity.prices.length > 0 || activity.items !== undefined;
  const takesPart = !activityCovers(activity, itemId) ? false : price !== undefined || standings.some((s) => s.standing === 'eligible') || (promotions.length === 0 && activity.items !== undefined);
  return { ...offer, item: { itemId, ...(known ? { takesPart } : {}), ...(price !== undefined ? { price } : {}), leftOutOf } };
}

export interface ActivityPrice {
  activity: Activity;
  timing: ActivityTiming;
  price: Fen;
}

/** An item's activity prices running now or still to come, soonest first. */
export function activityPricesOf(kb: KnowledgeBase, itemId: string, now: Date): ActivityPrice[] {
  return kb.promotions.activities
    .flatMap((activity) => activity.prices.filter((p) => p.itemId === itemId).map((p) => ({ activity, timing: activityTiming(activity, now), price: p.price })))
    .filter((p) => p.timing !== 'ended')
    .sort((a, b) => a.activity.from.getTime() - b.activity.from.getTime());
}

/**
 * 价保 asked before buying ("降价了能补差价吗"): the shop's terms, and the item's activity prices
 * (running or to come) that 价保 does not cover, so a drop to them is no difference to claim.
 */
export function priceProtectionTerms(kb: KnowledgeBase, now: Date, itemId?: string): { terms: PriceProtection; notCovered: ActivityPrice[] } {
  const terms = kb.promotions.priceProtection;
  const notCovered = itemId === undefined || !terms.offered ? [] : activityPricesOf(kb, itemId, now).filter((p) => terms.excludedActivityKinds.includes(p.activity.kind));
  return { terms, notCovered };
}

/** Whether two promotions can be used on one order, as the data says: undefined when it does not say. */
export function canStack(kb: KnowledgeBase, a: Promotion, b: Promotion): boolean | undefined {
  const kinds = [a.kind, b.kind].sort().join('+');
  if (kinds === 'coupon+full_reduction') return kb.promotions.stacking.couponWithFullReduction;
  if (kinds === 'coupon+coupon') return kb.promotions.stacking.couponWithCoupon;
  return undefined;
}
