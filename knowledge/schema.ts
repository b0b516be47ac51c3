/**
 * The shape of everything in knowledge/: platform rules (with typed numbers per rule), the shop
 * profile and the F4 refund-reason table. Checked at start-up and by `npm run kb:check`.
 */
import { z } from 'zod';
import { provinceByName } from './regions.js';

export const PLATFORMS = ['taobao', 'tmall'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const TRADE_STATUSES = [
  'WAIT_BUYER_PAY',
  'WAIT_SELLER_SEND_GOODS',
  'WAIT_BUYER_CONFIRM_GOODS',
  'TRADE_FINISHED',
  'TRADE_CLOSED',
] as const;
export type TradeStatus = (typeof TRADE_STATUSES)[number];

export const REFUSAL_CODES = [
  'OUT_OF_STOCK_OR_DELISTED',
  'PAST_WINDOW',
  'CUSTOMISED',
  'NOT_INTACT',
  'POSTAGE_NOT_AGREED',
  'AGREED_WITH_BUYER',
  'PRICE_DIFFERENCE',
  'OTHER',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

const positive = z.number().positive();
const percent = z.number().positive().max(100);
const yuan = z.number().nonnegative();
const ruleRef = z.string().regex(/^R\d+$/);

/** The numbers each rule sets. A rule id missing here is unknown and rejected. */
export const ruleParamSchemas = {
  R1: z.strictObject({ windowHours: positive, dateOnlyCountsFromNextDay: z.boolean() }),
  R2: z.strictObject({ excludesCustomised: z.boolean() }),
  R3: z.strictObject({ checks: z.array(z.enum(['tags', 'packaging', 'not_worn', 'not_washed'])).min(1) }),
  R4: z.strictObject({ freeShippingEachPaysOneLeg: z.boolean(), insurancePaysInsuredReturn: z.boolean() }),
  R5: z.strictObject({ reportWithinHours: positive }),
  R6: z.strictObject({ reshipWithinWorkingDays: positive }),
  R7: z.strictObject({ reviewRequestWithinHours: positive, inspectReturnWithinHours: positive }),
  R10: z.strictObject({ windowRule: ruleRef, requiredStatus: z.enum(TRADE_STATUSES) }),
  R11: z.strictObject({ changeableProperties: z.array(z.string().min(1)).min(1) }),
  R12: z.strictObject({
    refusalReasons: z.array(z.strictObject({ code: z.enum(REFUSAL_CODES), label: z.string().min(1) })).length(REFUSAL_CODES.length),
  }),
  R13: z.strictObject({ sellerResponseDays: positive }),
  R14: z.strictObject({ deadlineFromRefundRecord: z.literal(true) }),
  R15: z.strictObject({
    percentOfPrice: percent,
    capYuan: yuan,
    paidAs: z.enum(['tmall_points', 'cash']),
    appliesTo: z.array(z.enum(['late_shipment', 'out_of_stock'])).min(1),
  }),
  R16: z.strictObject({ overdueAfterHours: positive }),
  R17: z.strictObject({
    windowDaysAfterFinished: positive,
    sellerResponseHours: positive,
    frozenEditHours: positive,
    lateEditExtensionHours: positive,
    platformStepsInWorkingDays: positive,
  }),
  R18: z.strictObject({
    kinds: z.array(
      z.strictObject({
        kind: z.enum(['not_received', 'after_sales_guarantee', 'harassment', 'broken_promise', 'late_shipment', 'malicious_review']),
        from: z.enum(['finished', 'created', 'paid', 'review_effective']),
        windowDays: positive.optional(),
        opensAfterHours: positive.optional(),
      }),
    ),
  }),
  R19: z.strictObject({ refundDisputeOpensAfterDays: positive, guaranteeWindowDays: positive }),
  R20: z.strictObject({ watchDaysAfterFinished: positive }),
  R21: z.strictObject({ claimWindowDaysAfterFinished: positive, claimCapIncludesPostage: z.boolean(), services: z.array(z.string()).min(1) }),
  R22: z.strictObject({
    pointsRefuseAfterSales: positive,
    pointsServicePromise: positive,
    pointsOtherPromise: positive,
    blockAtPoints: positive,
    blockDays: positive,
    invoicePenaltyPercent: percent,
  }),
  R23: z.strictObject({ reviewWindowDays: positive, negativeReviewGraceHours: positive, changeWindowDays: positive, changesAllowed: positive }),
  R24: z.strictObject({ windowDays: positive, kinds: z.array(z.string()).min(1) }),
  R25: z.strictObject({
    resetsYearly: z.boolean(),
    bClassLimits: z.array(z.strictObject({ points: positive, limitDays: positive })).min(1),
    accountClosedAtPoints: positive,
  }),
  R26: z.strictObject({
    types: z.array(
      z.strictObject({ type: z.string(), group: z.enum(['timing', 'service', 'goods']), compensation: z.string(), certain: z.boolean() }),
    ),
    unattributedFigure: z.string(),
  }),
  R27: z.strictObject({
    categories: z.array(
      z.strictObject({
        category: z.string(),
        returnPercent: percent,
        returnMultiplier: positive,
        refusalPercent: percent,
        returnMinYuan: yuan,
        refusalMinYuan: yuan,
        returnMaxYuan: yuan,
        refusalMaxYuan: yuan,
      }),
    ),
  }),
  R28: z.strictObject({ penaltyRule: ruleRef }),
  R29: z.strictObject({ buyerPaysYuan: yuan, claimsPerOrder: positive }),
  R30: z.strictObject({ noAbsoluteDeliveryPromises: z.boolean() }),
} as const;

export type RuleId = keyof typeof ruleParamSchemas;
export const RULE_IDS = Object.keys(ruleParamSchemas) as RuleId[];
export type RuleParams<K extends RuleId> = z.infer<(typeof ruleParamSchemas)[K]>;

const isoDate = z.iso.date();

export const ruleVersionSchema = z.strictObject({
  effectiveFrom: isoDate,
  dateBasis: z.string().min(1),
  source: z.strictObject({ seed: z.enum(['000', '001', '002', '003', '004']), section: z.string().min(1) }),
  params: z.record(z.string(), z.unknown()),
});

export const ruleSchema = z.strictObject({
  id: z.enum(RULE_IDS as [RuleId, ...RuleId[]]),
  title: z.string().min(1),
  platform: z.enum(['taobao', 'tmall', 'both']),
  summary: z.string().min(1),
  versions: z.array(ruleVersionSchema).min(1),
});
export type RuleEntry = z.infer<typeof ruleSchema>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected "HH:MM" (24 h)');
const span = z.strictObject({ start: clock, end: clock });

/** A province by its full name (河北省, 新疆维吾尔自治区), as regions.ts lists them. */
const province = z.string().refine((name) => provinceByName(name) !== undefined, {
  error: (issue) => `unknown province "${String(issue.input)}": use the full name, e.g. 河北省, 上海市, 新疆维吾尔自治区`,
});
const provinces = z.array(province).min(1);
const courier = z.string().min(1);
const days = z.number().int().nonnegative();
const minNotAboveMax: [(r: { min: number; max: number }) => boolean, { message: string; path: string[] }] = [
  (r) => r.min <= r.max,
  { message: 'min must not exceed max', path: ['max'] },
];

/** Days on the way after shipping, by destination; `default` for provinces not listed. */
const deliveryDays = z.strictObject({
  default: z.strictObject({ min: days, max: days }).refine(...minNotAboveMax),
  byProvince: z.array(z.strictObject({ provinces, min: days, max: days }).refine(...minNotAboveMax)).default([]),
});

/** Platform programmes a shop can take part in (R21 lists the 消保 ones; the rest are Tmall's). */
export const PROGRAMMES = [
  'consumer_protection',
  'seven_day_return',
  'genuine_guarantee',
  'fake_compensation',
  'fast_refund',
  'return_insurance',
  'lightning_shipping',
  'digital_repair_30',
  'shoes_warranty',
  'price_protection',
] as const;
export type Programme = (typeof PROGRAMMES)[number];

export const shopProfileSchema = z.strictObject({
  shop: z.strictObject({ name: z.string().min(1), platform: z.enum(PLATFORMS) }),
  serviceHours: span,
  quietHours: span,
  shipping: z.strictObject({
    defaultCourier: courier,
    /** The shop's own shipping promise: the one number every flow quotes (pre-sales, 催付, after-sales). */
    promiseHours: positive,
    normalTransitDays: positive,
    extraCouriers: z.array(z.strictObject({ name: courier, surchargeYuan: yuan, deliveryDays: deliveryDays.optional() })),
    notOffered: z.array(courier).default([]),
    shipFrom: z.strictObject({ province, city: z.string().min(1) }),
    /** Paid before this (Asia/Shanghai) → shipped the same day. */
    cutOff: clock,
    deliveryDays,
    /** Areas not served at all (`onlyCouriers` empty) or only by the couriers named. */
    restrictedAreas: z.array(z.strictObject({ provinces, onlyCouriers: z.array(courier).default([]), note: z.string().min(1).optional() })).default([]),
    postage: z.strictObject({
      standardYuan: yuan,
      /** Goods subtotal from which postage is free; 0: always 包邮; null: never. */
      freeOverYuan: yuan.nullable(),
      remote: z.strictObject({ provinces, standardYuan: yuan, freeOverYuan: yuan.nullable() }).optional(),
    }),
    /** 退货运费险: whether the shop gives it with every order, and whether buyers can buy it themselves. */
    returnInsurance: z.strictObject({ shopGives: z.boolean(), buyerCanBuy: z.boolean(), note: z.string().min(1).optional() }),
  }),
  /** The platform programmes this shop takes part in; the bot names only these. */
  programmes: z.array(z.strictObject({ id: z.enum(PROGRAMMES), name: z.string().min(1), note: z.string().min(1).optional() })).min(1),
  compensation: z.strictObject({ agentLimitYuan: yuan, overdueShipmentGift: z.string().min(1) }),
  repairPromiseDays: positive,
  /** What 七天无理由 leaves out beyond customised goods (R2): categories whose goods, once opened, cannot be returned without a reason. */
  returnPolicy: z.strictObject({ openedNotReturnable: z.array(z.string().min(1)).default([]) }).default({ openedNotReturnable: [] }),
  returnAddress: z.strictObject({ receiver: z.string().min(1), phone: z.string().min(5), address: z.string().min(5) }),
  unpaidReminders: z.strictObject({ firstAfterMinutes: positive, intervalMinutes: positive, maxPerTrade: z.number().int().min(0) }),
  unpaidOffers: z.strictObject({
    /** `couponId`: the coupon of promotions.yaml this is (amount and minimum spend must agree). */
    coupon: z.strictObject({ amountYuan: positive, minSpendYuan: yuan, couponId: z.string().min(1).optional() }),
    postageSubsidyYuan: yuan,
  }),
  followUps: z.strictObject({ receiptCareAfterHours: positive, afterSalesCheckInDays: positive }),
  handoff: z.strictObject({ maxWaitMinutes: positive }),
  invoice: z.strictObject({ kinds: z.array(z.string().min(1)).min(1), issuedWithinWorkingDays: positive }),
});
export type ShopProfile = z.infer<typeof shopProfileSchema>;

export const REFUND_KINDS = ['refund_only', 'return_refund', 'exchange', 'repair'] as const;
export type RefundKind = (typeof REFUND_KINDS)[number];
export const EVIDENCE = ['photos', 'packing_slip', 'parcel_photos', 'return_tracking_number'] as const;
export type Evidence = (typeof EVIDENCE)[number];

export const refundReasonSchema = z.strictObject({
  id: z.string().regex(/^[a-z_]+$/),
  label: z.string().min(1),
  fault: z.enum(['buyer', 'seller']),
  kinds: z.partialRecord(z.enum(TRADE_STATUSES), z.enum(REFUND_KINDS)),
  evidence: z.array(z.enum(EVIDENCE)).default([]),
  sevenDay: z.boolean().default(false),
  retain: z.boolean().default(false),
  suggestExchange: z.boolean().default(false),
  compensation: z.enum(['late_shipment', 'out_of_stock']).optional(),
  ruleIds: z.array(z.enum(RULE_IDS as [RuleId, ...RuleId[]])),
});
export type RefundReason = z.infer<typeof refundReasonSchema>;

// ---------------------------------------------------------------------------------------------
// Pre-sales: the catalogue's descriptive content, the FAQ and the promotions (docs/presale.md).

/** Taobao item ids are numbers: written unquoted in YAML they are read as the digits they are. */
const digitsAsText = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : v);
const itemId = z.preprocess(digitsAsText, z.string().min(1).max(64));
/** One fact as the shop writes it: a sentence or a phrase, never a paragraph. */
const factText = z.string().min(1).max(500);

/** What an item is made of and how to live with it; every key optional, unknown keys refused. */
export const ATTRIBUTES = [
  'material',
  'ingredients',
  'origin',
  'shelfLife',
  'productionDate',
  'storage',
  'care',
  'usage',
  'warranty',
  'allergens',
  'certification',
] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

/** Who an item is or is not for: 婴儿, 儿童, 孕妇, 敏感肌, 老人, 送人. */
export const AUDIENCES = ['baby', 'child', 'pregnant', 'sensitive_skin', 'elderly', 'gift'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** [min, max], both inclusive. */
const range = z
  .tuple([z.number().positive(), z.number().positive()])
  .refine(([min, max]) => min <= max, 'expected [min, max] with min ≤ max');

/** Measurements of the garment (or shoe) itself in this size, e.g. {衣长: 68, 胸围: 104} (cm). */
const garment = z.record(z.string().min(1).max(20), z.number().positive()).optional();

const bodyRow = z
  .strictObject({ size: z.string().min(1).max(20), heightCm: range.optional(), weightKg: range.optional(), garment })
  .refine((row) => row.heightCm || row.weightKg, 'a row needs heightCm, weightKg or both');
const footRow = z.strictObject({ size: z.string().min(1).max(20), footLengthMm: range, garment });
const chartCommon = {
  /** The SKU property whose values are the chart's sizes (尺码, 鞋码). */
  property: z.string().min(1).max(64),
  /** How the item runs, in the shop's words (偏小一码, 宽松版型). */
  fit: factText.optional(),
  /** The shop's advice for a buyer between two sizes. */
  whenBetween: z.enum(['larger', 'smaller']).optional(),
};
export const sizeChartSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('body'), ...chartCommon, rows: z.array(bodyRow).min(2) }),
  z.strictObject({ kind: z.literal('foot'), ...chartCommon, rows: z.array(footRow).min(2) }),
]);
export type SizeChart = z.infer<typeof sizeChartSchema>;
export type BodySizeRow = z.infer<typeof bodyRow>;
export type FootSizeRow = z.infer<typeof footRow>;

export const catalogueEntrySchema = z.strictObject({
  itemId,
  /** What the bot calls the item (short; the order system's title is the long one). */
  name: z.string().min(1).max(60),
  category: z.string().min(1).max(100),
  /** Words buyers use for it (卫衣, 帽衫), for finding the item a message mentions. */
  keywords: z.array(z.preprocess(digitsAsText, z.string().min(1).max(30))).default([]),
  attributes: z.strictObject(Object.fromEntries(ATTRIBUTES.map((a) => [a, factText.optional()])) as Record<Attribute, z.ZodOptional<typeof factText>>).default({}),
  /** Named specifications: {净含量: 250g, 容量: 500ml, 厚度: 加厚}. */
  specs: z.record(z.string().min(1).max(30), factText).default({}),
  suitability: z.partialRecord(z.enum(AUDIENCES), z.strictObject({ suitable: z.boolean(), note: factText })).default({}),
  /** 包装清单: what is in the box. */
  inBox: z.array(factText).min(1).optional(),
  sizeChart: sizeChartSchema.optional(),
  /** Comparisons with related items (`items`) or between SKUs (`skus`: a property filter, e.g. {颜色: 黑色}). */
  notes: z
    .array(z.strictObject({ text: factText, items: z.array(itemId).min(1).optional(), skus: z.record(z.string().min(1), z.string().min(1)).optional() }))
    .default([]),
});
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;
export type CatalogueNote = CatalogueEntry['notes'][number];

export const faqEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/, 'expected lower-case letters, digits and _'),
  question: z.string().min(1).max(200),
  /** Other ways buyers ask it; retrieval matches against the question and these. */
  paraphrases: z.array(z.string().min(1).max(200)).min(2),
  answer: z.string().min(1).max(1000),
  /** Only for these items or categories (absent: the whole shop). */
  items: z.array(itemId).min(1).optional(),
  categories: z.array(z.string().min(1)).min(1).optional(),
  /** Where the answer comes from: a policy, a label, a supplier's document. */
  source: z.string().min(1).max(200),
  /** The answer leaves the question open (when stock comes back): a pre-sales agent is offered after it. */
  askAround: z.boolean().optional(),
});
export type FaqEntry = z.infer<typeof faqEntrySchema>;

/** "2026-11-11" (the whole day) or "2026-11-11 20:00", Asia/Shanghai. */
export const localTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}( ([01]\d|2[0-3]):[0-5]\d)?$/, 'expected "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (Asia/Shanghai)')
  .refine((s) => {
    const day = new Date(`${s.slice(0, 10)}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === s.slice(0, 10);
  }, 'not a calendar date');

const promotionId = z.string().regex(/^[a-z0-9_]+$/, 'expected lower-case letters, digits and _');
const scope = {
  /** Only these items / categories take part (absent: the whole shop). */
  items: z.array(itemId).min(1).optional(),
  categories: z.array(z.string().min(1)).min(1).optional(),
  excludedItems: z.array(itemId).default([]),
  excludedCategories: z.array(z.string().min(1)).default([]),
};
const validity = {
  /** Dates default to the activity's when `activity` is given. A date-only `validTo` includes that day. */
  validFrom: localTime.optional(),
  validTo: localTime.optional(),
  activity: promotionId.optional(),
  /** Only during these hours of each day (e.g. 20:00–24:00 as start "20:00", end "00:00"). */
  dailyHours: span.optional(),
};
const common = { id: promotionId, name: z.string().min(1).max(60), note: factText.optional(), ...scope, ...validity };

export const ACTIVITY_KINDS = ['juhuasuan', '618', 'double11', 'double12', 'new_year', 'members_day', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const promotionsSchema = z.strictObject({
  stacking: z.strictObject({ couponWithFullReduction: z.boolean() }),
  /** 满减: the best tier the eligible subtotal reaches; `repeat`: 每满 (one tier, applied as often as it fits, up to `capYuan`). */
  fullReductions: z
    .array(
      z.strictObject({
        ...common,
        tiers: z.array(z.strictObject({ thresholdYuan: positive, discountYuan: positive })).min(1),
        repeat: z.boolean().default(false),
        capYuan: positive.optional(),
      }),
    )
    .default([]),
  coupons: z
    .array(
      z.strictObject({
        ...common,
        amountYuan: positive,
        minSpendYuan: yuan,
        /** Where buyers get it (店铺首页领券, 详情页, 客服发放). */
        where: factText,
        /** Valid this many days after claiming (within validFrom–validTo). */
        validDaysAfterClaim: z.number().int().positive().optional(),
        perBuyer: z.number().int().positive().default(1),
      }),
    )
    .default([]),
  gifts: z
    .array(
      z.strictObject({
        ...common,
        gift: factText,
        minQuantity: z.number().int().positive().optional(),
        minSpendYuan: positive.optional(),
        whileStocksLast: z.boolean().default(false),
      }),
    )
    .default([]),
  /** The activity calendar: 聚划算, 618, 双11…, with activity prices per item. */
  activities: z
    .array(
      z.strictObject({
        id: promotionId,
        kind: z.enum(ACTIVITY_KINDS),
        name: z.string().min(1).max(60),
        from: localTime,
        to: localTime,
        items: z.array(itemId).min(1).optional(),
        prices: z.array(z.strictObject({ itemId, skuIds: z.array(z.string().min(1)).min(1).optional(), priceYuan: positive })).default([]),
        note: factText.optional(),
      }),
    )
    .default([]),
  /** 价保: refund of a later price drop within `days` of paying. */
  priceProtection: z
    .strictObject({
      offered: z.boolean(),
      days: z.number().int().positive().optional(),
      /** Prices that do not count as a drop: activity prices of these kinds (e.g. 聚划算). */
      excludedActivityKinds: z.array(z.enum(ACTIVITY_KINDS)).default([]),
      /** Other exclusions, in the shop's words. */
      excludes: z.array(factText).default([]),
      how: factText.optional(),
    })
    .refine((p) => !p.offered || p.days !== undefined, { message: 'days is required when price protection is offered', path: ['days'] }),
});
export type PromotionsFile = z.infer<typeof promotionsSchema>;
