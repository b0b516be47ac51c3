import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../../knowledge/knowledgeBase.js';
import {
  activePromotions,
  fullReductionDiscount,
  multiBuyTotal,
  priceProtection,
  whyPromotionNotApplied,
  type NotAppliedReason,
  type PricedLine,
} from '../../../knowledge/policy/promotions.js';
import { Promotions, type FullReduction } from '../../../knowledge/promotions.js';
import { at, kb } from '../../support/knowledge.js';

const HOODIE = '681250339472';
const CLEANSER = '715566021483';
const NUTS = '730415562281';
const LONGJING = '730415562398';
const BATHMAT = '759013662248';

const line = (itemId: string, yuan: number, quantity = 1): PricedLine => ({ itemId, unitPrice: Math.round(yuan * 100), quantity });
const tee = line('item_tee', 199);
const coat = line('item_coat', 2000);
const now = at('2026-11-23 12:00');

describe('whyPromotionNotApplied: 满减', () => {
  it.each<[string, string, PricedLine[], Date, NotAppliedReason[], number]>([
    ['a ¥199 T恤 reaches 满199减20', 'store_manjian', [tee], now, [], 2000],
    ['¥399 reaches the second tier', 'store_manjian', [line('item_tee', 199), line('item_tee', 209)], now, [], 5000],
    ['two 洁面乳 at ¥79: short by ¥41', 'store_manjian', [line(CLEANSER, 79, 2)], now, [{ code: 'threshold_short', threshold: 19900, eligibleSubtotal: 15800, shortBy: 4100 }], 0],
    [
      'the ¥2000 大衣 alone: excluded, nothing left to count',
      'store_manjian',
      [coat],
      now,
      [
        { code: 'item_excluded', itemIds: ['item_coat'] },
        { code: 'threshold_short', threshold: 19900, eligibleSubtotal: 0, shortBy: 19900 },
      ],
      0,
    ],
    [
      '洁面乳 + 龙井: 龙井 excluded, ¥79 counts, short by ¥120',
      'store_manjian',
      [line(CLEANSER, 79), line(LONGJING, 198)],
      now,
      [
        { code: 'item_excluded', itemIds: [LONGJING] },
        { code: 'threshold_short', threshold: 19900, eligibleSubtotal: 7900, shortBy: 12000 },
      ],
      0,
    ],
    ['paid the day before it started', 'store_manjian', [tee], at('2025-12-31 23:59'), [{ code: 'not_started', startsAt: at('2026-01-01 00:00') }], 0],
    ['paid on its last day (a date-only end includes the day)', 'store_manjian', [tee], at('2027-06-30 23:59'), [], 2000],
    ['paid the day after it ended', 'store_manjian', [tee], at('2027-07-01 00:00'), [{ code: 'ended', endedAt: at('2027-07-01 00:00') }], 0],
    ['双11 每满300减50 at 20:00 on its first evening', 'double11_2026_manjian', [line(HOODIE, 259, 3)], at('2026-10-20 20:00'), [], 10000],
    ['双11, one minute too early', 'double11_2026_manjian', [line(HOODIE, 259, 3)], at('2026-10-20 19:59'), [{ code: 'not_started', startsAt: at('2026-10-20 20:00') }], 0],
    ['双11, paid at 23:59 on 11-11 (that minute counts)', 'double11_2026_manjian', [line(HOODIE, 259, 3)], at('2026-11-11 23:59'), [], 10000],
    ['双11, paid at 00:00 on 11-12', 'double11_2026_manjian', [line(HOODIE, 259, 3)], at('2026-11-12 00:00'), [{ code: 'ended', endedAt: at('2026-11-12 00:00') }], 0],
    ['家居夜场 at 15:00: outside its hours', 'home_night_manjian', [line(BATHMAT, 49.9, 2)], at('2026-11-23 15:00'), [{ code: 'outside_hours', hours: { start: '20:00', end: '00:00' } }], 0],
    ['家居夜场 at 21:00', 'home_night_manjian', [line(BATHMAT, 49.9, 2)], at('2026-11-23 21:00'), [], 1000],
    [
      '家居夜场 for a T恤: not a household item',
      'home_night_manjian',
      [tee],
      at('2026-11-23 21:00'),
      [
        { code: 'not_in_scope', itemIds: ['item_tee'] },
        { code: 'threshold_short', threshold: 9900, eligibleSubtotal: 0, shortBy: 9900 },
      ],
      0,
    ],
  ])('%s', (_name, promotionId, lines, paidAt, reasons, discount) => {
    const check = whyPromotionNotApplied(kb, { lines, paidAt, promotionId });
    expect(check.reasons).toEqual(reasons);
    expect(check.applied).toBe(reasons.length === 0);
    expect(check.discount).toBe(discount);
    expect(check.sources[0]?.file).toBe('knowledge/promotions.yaml');
  });

  it('applies on the items that count and says which did not', () => {
    const check = whyPromotionNotApplied(kb, { lines: [tee, coat], paidAt: now, promotionId: 'store_manjian' });
    expect(check).toMatchObject({ applied: true, discount: 2000, eligibleSubtotal: 19900, excludedItemIds: ['item_coat'], reasons: [] });
  });

  it('lists every reason at once: ended and short', () => {
    const check = whyPromotionNotApplied(kb, { lines: [line(CLEANSER, 79)], paidAt: at('2027-08-01 10:00'), promotionId: 'store_manjian' });
    expect(check.reasons.map((r) => r.code)).toEqual(['ended', 'threshold_short']);
  });

  it('names an unknown promotion', () => {
    expect(whyPromotionNotApplied(kb, { lines: [tee], paidAt: now, promotionId: 'no_such' }).reasons).toEqual([{ code: 'unknown_promotion', promotionId: 'no_such' }]);
  });
});

describe('whyPromotionNotApplied: coupons and gifts', () => {
  it.each<[string, Parameters<typeof whyPromotionNotApplied>[1], string[]]>([
    ['满99减10 on a ¥199 T恤', { lines: [tee], paidAt: now, promotionId: 'coupon_10_99' }, []],
    ['claimed 8 days before paying: valid 7 days after claiming', { lines: [tee], paidAt: at('2026-11-18 10:00'), claimedAt: at('2026-11-10 10:00'), promotionId: 'coupon_10_99' }, ['claim_expired']],
    ['claimed 6 days before paying', { lines: [tee], paidAt: at('2026-11-16 10:00'), claimedAt: at('2026-11-10 10:00'), promotionId: 'coupon_10_99' }, []],
    ['not claimed', { lines: [tee], paidAt: now, claimed: false, promotionId: 'coupon_10_99' }, ['not_claimed']],
    ['already used on another order', { lines: [tee], paidAt: now, alreadyUsed: true, promotionId: 'coupon_10_99' }, ['already_used']],
    ['the 双11 coupon after 双11', { lines: [line(HOODIE, 259, 2)], paidAt: now, promotionId: 'coupon_double11_50_399' }, ['ended']],
    ['the 美妆 coupon on a lipstick', { lines: [line('item_lipstick', 320)], paidAt: now, promotionId: 'coupon_beauty_30_299' }, []],
    ['the 美妆 coupon on T恤s', { lines: [line('item_tee', 199, 2)], paidAt: now, promotionId: 'coupon_beauty_30_299' }, ['not_in_scope', 'threshold_short']],
    ['the 美妆 coupon after 12-15', { lines: [line('item_lipstick', 320)], paidAt: at('2026-12-16 09:00'), promotionId: 'coupon_beauty_30_299' }, ['ended']],
    ['山核桃 ×2: the cracker needs 3', { lines: [line(NUTS, 49.9, 2)], paidAt: now, promotionId: 'gift_nut_cracker' }, ['quantity_short']],
    ['山核桃 ×3', { lines: [line(NUTS, 49.9, 3)], paidAt: now, promotionId: 'gift_nut_cracker' }, []],
  ])('%s', (_name, question, codes) => {
    const check = whyPromotionNotApplied(kb, question);
    expect(check.reasons.map((r) => r.code)).toEqual(codes);
  });

  it('a coupon gives its amount, a gift no money', () => {
    expect(whyPromotionNotApplied(kb, { lines: [tee], paidAt: now, promotionId: 'coupon_10_99' }).discount).toBe(1000);
    expect(whyPromotionNotApplied(kb, { lines: [line(NUTS, 49.9, 3)], paidAt: now, promotionId: 'gift_nut_cracker' }).discount).toBe(0);
  });
});

describe('fullReductionDiscount', () => {
  const double11 = kb.promotions.byId('double11_2026_manjian') as FullReduction;
  it.each([
    [29999, 0, 0],
    [30000, 5000, 1],
    [65000, 10000, 2],
    [330000, 50000, 11], // 11 × ¥50 = ¥550, capped at ¥500
  ])('每满300减50 on %i fen: %i off', (subtotal, discount, times) => {
    expect(fullReductionDiscount(double11, subtotal)).toMatchObject({ discount, times });
  });
});

describe('activePromotions', () => {
  const ids = (kbAt: Date, itemId?: string) => activePromotions(kb, kbAt, itemId).promotions.map((p) => p.id);

  it('lists what is open now, for the shop and for an item', () => {
    expect(ids(now)).toEqual(['store_manjian', 'coupon_10_99', 'coupon_beauty_30_299', 'gift_nut_cracker', 'gift_tea_towel', 'gift_cleanser_sample']);
    expect(ids(at('2026-11-23 21:00'))).toContain('home_night_manjian');
    expect(ids(now, 'item_coat')).toEqual([]);
    expect(ids(now, 'item_lipstick')).toEqual(['store_manjian', 'coupon_10_99', 'coupon_beauty_30_299', 'gift_cleanser_sample']);
  });

  it('names the running activities and the next ones, soonest first', () => {
    const before = activePromotions(kb, now);
    expect(before.running).toEqual([]);
    expect(before.upcoming.map((a) => a.id)).toEqual(['juhuasuan_2026_11_lipstick', 'double12_2026', 'new_year_2027', '618_2027']);
    expect(activePromotions(kb, now, 'item_tee').upcoming[0]?.id).toBe('double12_2026');
    expect(activePromotions(kb, at('2026-11-29 12:00'), 'item_lipstick').running.map((a) => a.id)).toEqual(['juhuasuan_2026_11_lipstick']);
    expect(before.priceProtection).toMatchObject({ offered: true, days: 15 });
  });
});

describe('multiBuyTotal: 买N件多少钱', () => {
  it.each<[string, Parameters<typeof multiBuyTotal>[1], Date, { unit: number; subtotal: number; discounts: string[]; gifts: string[]; postage: number; total?: number }]>([
    ['五袋山核桃: 满199减20 + 满99减10, the cracker, 包邮', { itemId: NUTS, unitPrice: 4990, quantity: 5 }, now, { unit: 4990, subtotal: 24950, discounts: ['store_manjian', 'coupon_10_99'], gifts: ['gift_nut_cracker'], postage: 0, total: 21950 }],
    ['one bag: no discount, still 满49包邮', { itemId: NUTS, unitPrice: 4990, quantity: 1 }, now, { unit: 4990, subtotal: 4990, discounts: [], gifts: [], postage: 0, total: 4990 }],
    ['one 6-pack of tissues: postage ¥8', { itemId: '746620315004', unitPrice: 1290, quantity: 1 }, now, { unit: 1290, subtotal: 1290, discounts: [], gifts: [], postage: 800, total: 2090 }],
    ['four 6-packs: ¥51.60, 包邮', { itemId: '746620315004', unitPrice: 1290, quantity: 4 }, now, { unit: 1290, subtotal: 5160, discounts: [], gifts: [], postage: 0, total: 5160 }],
    ['the 大衣: excluded from everything', { itemId: 'item_coat', unitPrice: 200000, quantity: 1 }, now, { unit: 200000, subtotal: 200000, discounts: [], gifts: [], postage: 0, total: 200000 }],
    [
      'a lipstick during 聚划算: ¥259, 满199减20, the sample',
      { itemId: 'item_lipstick', unitPrice: 32000, quantity: 1 },
      at('2026-11-29 12:00'),
      { unit: 25900, subtotal: 25900, discounts: ['store_manjian', 'coupon_10_99'], gifts: ['gift_cleanser_sample'], postage: 0, total: 22900 },
    ],
    [
      'four 卫衣 during 双11: 每满300减50 beats 满399减50',
      { itemId: HOODIE, unitPrice: 25900, quantity: 4 },
      at('2026-11-05 10:00'),
      { unit: 25900, subtotal: 103600, discounts: ['double11_2026_manjian', 'coupon_double11_50_399'], gifts: [], postage: 0, total: 83600 },
    ],
    [
      'a T恤 to 新疆: only EMS (+¥20), remote postage ¥15 under ¥299',
      { itemId: 'item_tee', unitPrice: 19900, quantity: 1, province: '新疆' },
      now,
      { unit: 19900, subtotal: 19900, discounts: ['store_manjian', 'coupon_10_99'], gifts: [], postage: 1500, total: 20400 },
    ],
    ['a T恤 to 北京 by 顺丰: +¥12', { itemId: 'item_tee', unitPrice: 19900, quantity: 1, province: '北京', courier: '顺丰' }, now, { unit: 19900, subtotal: 19900, discounts: ['store_manjian', 'coupon_10_99'], gifts: [], postage: 0, total: 18100 }],
    ['to 香港: not served, no total', { itemId: 'item_tee', unitPrice: 19900, quantity: 1, province: '香港' }, now, { unit: 19900, subtotal: 19900, discounts: ['store_manjian', 'coupon_10_99'], gifts: [], postage: 0, total: undefined }],
  ])('%s', (_name, input, when, expected) => {
    const result = multiBuyTotal(kb, input, when);
    expect(result.unitPrice).toBe(expected.unit);
    expect(result.subtotal).toBe(expected.subtotal);
    expect(result.discounts.map((d) => d.promotion.id)).toEqual(expected.discounts);
    expect(result.gifts.map((g) => g.id)).toEqual(expected.gifts);
    expect(result.postage.served ? result.postage.postage : 0).toBe(expected.postage);
    expect(result.total).toBe(expected.total);
    expect(result.sources.length).toBeGreaterThan(0);
  });

  it('shows how far the next 满减 tier is, in units of the SKU', () => {
    const one = multiBuyTotal(kb, { itemId: NUTS, unitPrice: 4990, quantity: 1 }, now);
    expect(one.nextTier).toMatchObject({ threshold: 19900, discount: 2000, shortBy: 14910, moreUnits: 3 });
    expect(multiBuyTotal(kb, { itemId: NUTS, unitPrice: 4990, quantity: 8 }, now).nextTier).toBeUndefined();
  });

  it('without stacking, only the larger of 满减 and coupon', () => {
    const p = kb.promotions;
    const noStacking: KnowledgeBase = { ...kb, promotions: new Promotions({ couponWithFullReduction: false }, p.all, p.activities, p.priceProtection) };
    const result = multiBuyTotal(noStacking, { itemId: NUTS, unitPrice: 4990, quantity: 5 }, now);
    expect(result.discounts.map((d) => [d.promotion.id, d.amount])).toEqual([['store_manjian', 2000]]);
    expect(result.total).toBe(22950);
  });
});

describe('priceProtection (价保)', () => {
  const paidAt = at('2026-11-20 10:00');
  it.each<[string, Parameters<typeof priceProtection>[1], Date, object]>([
    ['a ¥21 drop five days later, two units', { paidAt, paidUnitPrice: 32000, quantity: 2, currentUnitPrice: 29900 }, at('2026-11-25 10:00'), { eligible: true, refundPerUnit: 2100, refund: 4200 }],
    ['after 15 days', { paidAt, paidUnitPrice: 32000, quantity: 1, currentUnitPrice: 29900 }, at('2026-12-05 10:00'), { eligible: false, reason: 'expired' }],
    ['a 聚划算 price', { paidAt, paidUnitPrice: 32000, quantity: 1, currentUnitPrice: 25900, currentActivityKind: 'juhuasuan' }, at('2026-11-29 12:00'), { eligible: false, reason: 'excluded_price' }],
    ['no drop', { paidAt, paidUnitPrice: 32000, quantity: 1, currentUnitPrice: 32000 }, at('2026-11-25 10:00'), { eligible: false, reason: 'no_drop' }],
  ])('%s', (_name, claim, when, expected) => {
    expect(priceProtection(kb, claim, when)).toMatchObject(expected);
  });

  it('is refused when the shop does not offer it', () => {
    const p = kb.promotions;
    const none: KnowledgeBase = { ...kb, promotions: new Promotions(p.stacking, p.all, p.activities, { ...p.priceProtection, offered: false }) };
    expect(priceProtection(none, { paidAt, paidUnitPrice: 32000, quantity: 1, currentUnitPrice: 29900 }, at('2026-11-25 10:00'))).toMatchObject({ eligible: false, reason: 'not_offered' });
  });
});
