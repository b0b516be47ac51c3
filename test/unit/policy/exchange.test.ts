import { describe, expect, it } from 'vitest';
import { exchangeEligibility, type ExchangeInput } from '../../../knowledge/policy/exchange.js';
import { at, kb } from '../../support/knowledge.js';

const now = at('2026-11-22 10:00');
const line = { itemId: 'tee', skuId: 'tee-white-m', price: 19900, properties: { 颜色: '白色', 尺码: 'M' }, customised: false, quantity: 1 };
const target = { ...line, skuId: 'tee-white-l', properties: { 颜色: '白色', 尺码: 'L' }, stock: 5, onSale: true };
const base: ExchangeInput = {
  status: 'WAIT_BUYER_CONFIRM_GOODS',
  signed: { kind: 'date', date: '2026-11-20' },
  freeShipping: true,
  line,
  target,
  intact: true,
};

describe('exchange eligibility (R10–R13)', () => {
  it('allows a same-price size change inside the window, auto-approved after 3 days (R13)', () => {
    const d = exchangeEligibility(kb, base, now);
    expect(d.allowed).toBe(true);
    expect(d.failures).toEqual([]);
    expect(d.autoApprovedAt).toEqual(at('2026-11-25 10:00'));
    expect(d.ruleIds).toEqual(expect.arrayContaining(['R10', 'R11', 'R13']));
  });

  it.each<[string, Partial<ExchangeInput>, string[], string]>([
    ['a target SKU one yuan dearer', { target: { ...target, price: 20000 } }, ['price_difference'], 'PRICE_DIFFERENCE'],
    ['stock equal to quantity is enough', { target: { ...target, stock: 1 } }, [], ''],
    ['stock below quantity', { line: { ...line, quantity: 2 }, target: { ...target, stock: 1 } }, ['out_of_stock'], 'OUT_OF_STOCK_OR_DELISTED'],
    ['delisted target', { target: { ...target, onSale: false } }, ['out_of_stock'], 'OUT_OF_STOCK_OR_DELISTED'],
    ['a customised item', { line: { ...line, customised: true } }, ['customised'], 'CUSTOMISED'],
    ['a customised target', { target: { ...target, customised: true } }, ['customised'], 'CUSTOMISED'],
    ['not intact', { intact: false }, ['not_intact'], 'NOT_INTACT'],
    ['past 7 days (date-only sign)', { signed: { kind: 'date', date: '2026-11-14' } }, ['window'], 'PAST_WINDOW'],
    ['not yet signed', { signed: undefined }, ['not_signed'], 'OTHER'],
    ['trade already finished', { status: 'TRADE_FINISHED' }, ['status'], 'OTHER'],
    ['a different item', { target: { ...target, itemId: 'hoodie' } }, ['different_item'], 'OTHER'],
    ['the same SKU', { target: { ...target, skuId: line.skuId } }, ['same_sku'], 'OTHER'],
    ['a change beyond size and colour', { target: { ...target, properties: { ...target.properties, 版型: '宽松' } } }, ['other_property_changed'], 'OTHER'],
    ['postage refused on goods without free shipping', { freeShipping: false, postageAgreed: false }, ['postage_not_agreed'], 'POSTAGE_NOT_AGREED'],
  ])('%s', (_name, change, conditions, code) => {
    const d = exchangeEligibility(kb, { ...base, ...change }, now);
    expect(d.failures.map((f) => f.condition)).toEqual(conditions);
    expect(d.allowed).toBe(conditions.length === 0);
    expect(d.refusalCode ?? '').toBe(code);
  });

  it('lists every failed condition and gives the first R12 refusal code', () => {
    const d = exchangeEligibility(kb, { ...base, intact: false, target: { ...target, price: 20900, stock: 0 } }, now);
    expect(d.failures.map((f) => f.condition)).toEqual(['not_intact', 'out_of_stock', 'price_difference']);
    expect(d.refusalCode).toBe('OUT_OF_STOCK_OR_DELISTED');
    expect(d.ruleIds).toContain('R12');
  });

  it('is not final until the intact question and, without free shipping, the postage are answered', () => {
    const d = exchangeEligibility(kb, { ...base, intact: undefined, freeShipping: false }, now);
    expect(d.allowed).toBe(false);
    expect(d.failures).toEqual([]);
    expect(d.pending).toEqual(['intact', 'postage']);
  });

  it('treats 运费险 as the refund flow does: it pays the send-back leg, so no postage to agree (R4)', () => {
    const insured = exchangeEligibility(kb, { ...base, intact: true, freeShipping: false, returnInsurance: true }, now);
    expect(insured.pending).toEqual([]);
    expect(insured.allowed).toBe(true);
    const refused = exchangeEligibility(kb, { ...base, intact: true, freeShipping: false, returnInsurance: true, postageAgreed: false }, now);
    expect(refused.failures).toEqual([]);
  });
});
