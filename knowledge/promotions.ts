/**
 * knowledge/promotions.yaml resolved for policy: money in fen, dates as moments (Asia/Shanghai),
 * each promotion's window taken from its activity when it names one, and each with its source.
 * The policy functions over it are in policy/promotions.ts.
 */
import type { Fen } from './policy/money.js';
import type { ActivityKind } from './schema.js';
import type { Source } from './source.js';

/** [from, to): `to` undefined means open-ended. */
export interface PromotionWindow {
  from: Date;
  to?: Date;
  /** Only during these hours of each day (may wrap past midnight). */
  dailyHours?: { start: string; end: string };
}

export interface PromotionScope {
  /** Only these items / categories take part (undefined: the whole shop). */
  items?: string[];
  categories?: string[];
  excludedItems: string[];
  excludedCategories: string[];
}

interface PromotionBase extends PromotionScope {
  id: string;
  name: string;
  note?: string;
  window: PromotionWindow;
  /** The activity (双11, 聚划算…) it belongs to. */
  activityId?: string;
  source: Source;
}

export interface FullReduction extends PromotionBase {
  kind: 'full_reduction';
  /** Ascending thresholds. */
  tiers: { threshold: Fen; discount: Fen }[];
  /** 每满: the single tier applied as many times as the subtotal holds it, up to `cap`. */
  repeat: boolean;
  cap?: Fen;
}

export interface Coupon extends PromotionBase {
  kind: 'coupon';
  amount: Fen;
  minSpend: Fen;
  where: string;
  validDaysAfterClaim?: number;
  perBuyer: number;
}

export interface Gift extends PromotionBase {
  kind: 'gift';
  gift: string;
  minQuantity?: number;
  minSpend?: Fen;
  whileStocksLast: boolean;
}

export type Promotion = FullReduction | Coupon | Gift;
export type PromotionKind = Promotion['kind'];

export interface Activity {
  id: string;
  kind: ActivityKind;
  name: string;
  from: Date;
  to: Date;
  items?: string[];
  /** Activity prices: the unit price during the activity (all SKUs of the item, or those listed). */
  prices: { itemId: string; skuIds?: string[]; price: Fen }[];
  note?: string;
  source: Source;
}

export interface PriceProtection {
  offered: boolean;
  days?: number;
  excludedActivityKinds: ActivityKind[];
  excludes: string[];
  how?: string;
  source: Source;
}

export interface Stacking {
  /** A shop coupon on top of 满减. */
  couponWithFullReduction: boolean;
  /** Two of the shop's coupons on one order; undefined: the shop has not said (a person answers). */
  couponWithCoupon?: boolean;
}

export class Promotions {
  constructor(
    readonly stacking: Stacking,
    readonly all: Promotion[],
    readonly activities: Activity[],
    readonly priceProtection: PriceProtection,
  ) {}

  byId(id: string): Promotion | undefined {
    return this.all.find((p) => p.id === id);
  }

  activity(id: string): Activity | undefined {
    return this.activities.find((a) => a.id === id);
  }

  get fullReductions(): FullReduction[] {
    return this.all.filter((p): p is FullReduction => p.kind === 'full_reduction');
  }

  get coupons(): Coupon[] {
    return this.all.filter((p): p is Coupon => p.kind === 'coupon');
  }

  get gifts(): Gift[] {
    return this.all.filter((p): p is Gift => p.kind === 'gift');
  }
}
