/** Promotion questions about one item, decided from knowledge/promotions.yaml (policy/promotions.ts), table by table. */
import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import { activityMeant, activityOffer, activityPricesOf, canStack, offersOnDay, priceProtectionTerms, windowTiming } from '../../knowledge/policy/promotions.js';
import { Promotions } from '../../knowledge/promotions.js';
import { at, kb } from '../support/knowledge.js';

const CUP = '759013662355';
const HOODIE = '681250339472';
const morning = at('2026-11-23 10:00');
const promotion = (id: string) => kb.promotions.byId(id)!;
const activity = (id: string) => kb.promotions.activity(id)!;

describe('windowTiming', () => {
  it.each([
    ['home_night_manjian', '2026-11-23 10:00', 'outside_hours'],
    ['home_night_manjian', '2026-11-23 21:00', 'open'],
    ['double12_2026_manjian', '2026-11-23 10:00', 'not_started'],
    ['coupon_double11_50_399', '2026-11-23 10:00', 'ended'],
  ])('%s at %s: %s', (id, when, timing) => {
    expect(windowTiming(promotion(id).window, at(when))).toBe(timing);
  });
});

describe('offersOnDay: what an item can use today, evening-only ones included', () => {
  it.each<[string, string | undefined, string[]]>([
    ['a household cup in the morning', CUP, ['store_manjian', 'home_night_manjian', 'coupon_10_99']],
    ['the coat: nothing', 'item_coat', []],
    ['the mug: excluded everywhere', 'item_mug', []],
    ['the lipstick: beauty coupon and sample too', 'item_lipstick', ['store_manjian', 'coupon_10_99', 'coupon_beauty_30_299', 'gift_cleanser_sample']],
  ])('%s', (_, itemId, ids) => {
    expect(offersOnDay(kb, morning, itemId).map((s) => s.promotion.id)).toEqual(ids);
  });
});

describe('activityMeant', () => {
  it.each<[string, Parameters<typeof activityMeant>[1], Parameters<typeof activityMeant>[3], string | undefined]>([
    ['双12 before it starts', ['double12'], {}, 'double12_2026'],
    ['双11 after it ended: the last one', ['double11'], {}, 'double11_2026'],
    ['618: the next one', ['618'], {}, '618_2027'],
    ['明年618', ['618'], { laterYear: true }, '618_2027'],
    ['聚划算 for the lipstick', ['juhuasuan'], { itemId: 'item_lipstick' }, 'juhuasuan_2026_11_lipstick'],
    ['no activity of that kind', ['members_day'], {}, undefined],
  ])('%s', (_, kinds, options, id) => {
    expect(activityMeant(kb, kinds, morning, options)?.id).toBe(id);
  });
});

describe('activityOffer', () => {
  it('双12: its own 每满 offer and the items all of it leaves out', () => {
    const offer = activityOffer(kb, activity('double12_2026'), morning);
    expect(offer.timing).toBe('upcoming');
    expect(offer.promotions.map((p) => p.id)).toEqual(['double12_2026_manjian']);
    expect(offer.excludedItemIds).toEqual(['item_coat', 'item_mug']);
  });

  it.each<[string, string, string, boolean | undefined, string[], number | undefined]>([
    ['the hoodie takes part in 双12', 'double12_2026', HOODIE, true, [], undefined],
    ['the coat is left out of 双12', 'double12_2026', 'item_coat', false, ['double12_2026_manjian'], undefined],
    ['the lipstick takes part in its 聚划算 at ¥259', 'juhuasuan_2026_11_lipstick', 'item_lipstick', true, [], 25900],
    ['the T恤 is not in the lipstick 聚划算', 'juhuasuan_2026_11_lipstick', 'item_tee', false, [], undefined],
    ['年货节 has no offer in the data: unknown', 'new_year_2027', 'item_tee', undefined, [], undefined],
  ])('%s', (_, activityId, itemId, takesPart, leftOutOf, price) => {
    const { item } = activityOffer(kb, activity(activityId), morning, itemId);
    expect(item?.takesPart).toBe(takesPart);
    expect(item?.leftOutOf.map((p) => p.id)).toEqual(leftOutOf);
    expect(item?.price).toBe(price);
  });

  it('an activity that has ended', () => {
    expect(activityOffer(kb, activity('double11_2026'), morning).timing).toBe('ended');
  });
});

describe('activity prices and 价保', () => {
  it('the lipstick: 聚划算 ¥259 to come, outside 价保', () => {
    expect(activityPricesOf(kb, 'item_lipstick', morning).map((p) => [p.activity.id, p.timing, p.price])).toEqual([['juhuasuan_2026_11_lipstick', 'upcoming', 25900]]);
    const { terms, notCovered } = priceProtectionTerms(kb, morning, 'item_lipstick');
    expect(terms.days).toBe(15);
    expect(notCovered.map((p) => p.activity.id)).toEqual(['juhuasuan_2026_11_lipstick']);
  });

  it.each([
    ['an item with no activity price', 'item_tee', '2026-11-23 10:00'],
    ['the lipstick once its 聚划算 is over', 'item_lipstick', '2026-12-01 10:00'],
  ])('%s: nothing outside 价保', (_, itemId, when) => {
    expect(priceProtectionTerms(kb, at(when), itemId).notCovered).toEqual([]);
  });
});

describe('canStack: only what the data says', () => {
  const withCoupons = (couponWithCoupon?: boolean): KnowledgeBase => {
    const p = kb.promotions;
    return { ...kb, promotions: new Promotions({ ...p.stacking, couponWithCoupon }, p.all, p.activities, p.priceProtection) } as KnowledgeBase;
  };
  it.each<[string, KnowledgeBase, string, string, boolean | undefined]>([
    ['coupon with 满减 (the file says yes)', kb, 'coupon_10_99', 'store_manjian', true],
    ['two coupons, not said', kb, 'coupon_10_99', 'coupon_beauty_30_299', undefined],
    ['two coupons, the shop says no', withCoupons(false), 'coupon_10_99', 'coupon_beauty_30_299', false],
    ['two coupons, the shop says yes', withCoupons(true), 'coupon_beauty_30_299', 'coupon_10_99', true],
    ['two 满减, not said', kb, 'store_manjian', 'home_night_manjian', undefined],
  ])('%s', (_, base, a, b, expected) => {
    expect(canStack(base, promotion(a), promotion(b))).toBe(expected);
  });
});
