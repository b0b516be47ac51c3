/**
 * The shape of everything in knowledge/: platform rules (with typed numbers per rule), the shop
 * profile and the F4 refund-reason table. Checked at start-up and by `npm run kb:check`.
 */
import { z } from 'zod';

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

export const shopProfileSchema = z.strictObject({
  shop: z.strictObject({ name: z.string().min(1), platform: z.enum(PLATFORMS) }),
  serviceHours: span,
  quietHours: span,
  shipping: z.strictObject({
    defaultCourier: z.string().min(1),
    promiseHours: positive,
    normalTransitDays: positive,
    extraCouriers: z.array(z.strictObject({ name: z.string().min(1), surchargeYuan: yuan })),
  }),
  compensation: z.strictObject({ agentLimitYuan: yuan, overdueShipmentGift: z.string().min(1) }),
  repairPromiseDays: positive,
  returnAddress: z.strictObject({ receiver: z.string().min(1), phone: z.string().min(5), address: z.string().min(5) }),
  unpaidReminders: z.strictObject({ firstAfterMinutes: positive, intervalMinutes: positive, maxPerTrade: z.number().int().min(0) }),
  unpaidOffers: z.strictObject({
    coupon: z.strictObject({ amountYuan: positive, minSpendYuan: yuan }),
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
