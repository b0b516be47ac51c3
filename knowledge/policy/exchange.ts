import type { KnowledgeBase } from '../knowledgeBase.js';
import { REFUSAL_CODES, type RefusalCode, type RuleId, type TradeStatus } from '../schema.js';
import { uniqueRules, type Cited } from './decision.js';
import type { Fen } from './money.js';
import { insurancePaysReturn } from './refund.js';
import { sevenDayWindow, type SevenDayWindow } from './sevenDayWindow.js';
import { addDays, type SignTime } from './time.js';

export interface ExchangeSku {
  itemId: string;
  skuId: string;
  price: Fen;
  properties: Record<string, string>;
  customised: boolean;
}

export interface ExchangeInput {
  status: TradeStatus;
  /** Absent while the parcel has not been signed for. */
  signed?: SignTime;
  freeShipping: boolean;
  /** 退货运费险 bought: it pays the send-back leg as it pays a return's (R4). */
  returnInsurance?: boolean;
  line: ExchangeSku & { quantity: number };
  target: ExchangeSku & { stock: number; onSale: boolean };
  /** The buyer's answer to "tags on, unworn, packaging kept?"; undefined until asked. */
  intact?: boolean;
  /** For goods without free shipping: has the buyer agreed to bear the postage? */
  postageAgreed?: boolean;
}

export const EXCHANGE_CONDITIONS = [
  'status',
  'not_signed',
  'window',
  'customised',
  'not_intact',
  'different_item',
  'same_sku',
  'other_property_changed',
  'out_of_stock',
  'price_difference',
  'postage_not_agreed',
] as const;
export type ExchangeCondition = (typeof EXCHANGE_CONDITIONS)[number];

export interface ExchangeFailure extends Cited {
  condition: ExchangeCondition;
  refusalCode: RefusalCode;
}

export interface ExchangeDecision extends Cited {
  allowed: boolean;
  /** Every condition that fails, each with the R12 refusal code it maps to. */
  failures: ExchangeFailure[];
  /** Questions still to ask before the answer is final. */
  pending: ('intact' | 'postage')[];
  /** The R12 code a seller would give: the first failure in R12's own order. */
  refusalCode?: RefusalCode;
  window?: SevenDayWindow;
  /** R13: when the seller's silence turns into approval, counted from a request made now. */
  autoApprovedAt: Date;
}

/** R10–R13: may this line be exchanged for that SKU? */
export function exchangeEligibility(kb: KnowledgeBase, input: ExchangeInput, now: Date): ExchangeDecision {
  const failures: ExchangeFailure[] = [];
  const fail = (condition: ExchangeCondition, refusalCode: RefusalCode, ...ruleIds: RuleId[]) =>
    failures.push({ condition, refusalCode, ruleIds });
  const { line, target } = input;

  if (input.status !== kb.rules.params('R10', now).requiredStatus) fail('status', 'OTHER', 'R10');
  let window: SevenDayWindow | undefined;
  if (!input.signed) fail('not_signed', 'OTHER', 'R10');
  else {
    window = sevenDayWindow(kb, input.signed, now);
    if (!window.open) fail('window', 'PAST_WINDOW', 'R10', 'R1');
  }
  if (line.customised || target.customised) fail('customised', 'CUSTOMISED', 'R11', 'R2');
  if (input.intact === false) fail('not_intact', 'NOT_INTACT', 'R11', 'R3');

  if (target.itemId !== line.itemId) fail('different_item', 'OTHER', 'R11');
  else if (target.skuId === line.skuId) fail('same_sku', 'OTHER', 'R11');
  else {
    const changeable = new Set(kb.rules.params('R11', now).changeableProperties);
    const names = new Set([...Object.keys(line.properties), ...Object.keys(target.properties)]);
    const changedOther = [...names].some((n) => !changeable.has(n) && line.properties[n] !== target.properties[n]);
    if (changedOther) fail('other_property_changed', 'OTHER', 'R11');
  }
  if (!target.onSale || target.stock < line.quantity) fail('out_of_stock', 'OUT_OF_STOCK_OR_DELISTED', 'R11');
  if (target.price !== line.price) fail('price_difference', 'PRICE_DIFFERENCE', 'R11');
  // Postage needs agreeing only where neither 包邮 nor 运费险 covers sending the item back.
  const postageCovered = input.freeShipping || insurancePaysReturn(kb, input.returnInsurance === true, now);
  if (!postageCovered && input.postageAgreed === false) fail('postage_not_agreed', 'POSTAGE_NOT_AGREED', 'R12', 'R4');

  const pending: ExchangeDecision['pending'] = [];
  if (input.intact === undefined) pending.push('intact');
  if (!postageCovered && input.postageAgreed === undefined) pending.push('postage');

  const refusalCode = failures
    .map((f) => f.refusalCode)
    .sort((a, b) => REFUSAL_CODES.indexOf(a) - REFUSAL_CODES.indexOf(b))[0];
  return {
    allowed: failures.length === 0 && pending.length === 0,
    failures,
    pending,
    refusalCode,
    window,
    autoApprovedAt: addDays(now, kb.rules.params('R13', now).sellerResponseDays),
    ruleIds: uniqueRules(['R10', 'R11', 'R13'], failures.length ? ['R12'] : [], ...failures.map((f) => f.ruleIds)),
  };
}
