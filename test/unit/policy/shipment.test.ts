import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { platformCompensation, shipmentStatus } from '../../../knowledge/policy/shipment.js';
import { at, hoursAfter, kb } from '../../support/knowledge.js';

const paidAt = at('2026-11-18 10:00');

describe('shipment overdue (R16) and its compensation (R15)', () => {
  it.each([
    ['71 h after payment: not overdue', 71, false, 'tmall', 19900, undefined],
    ['exactly 72 h: not yet overdue', 72, false, 'tmall', 19900, undefined],
    ['80 h on Tmall: 30% of ¥199 = ¥59.70 as 天猫积分', 80, true, 'tmall', 19900, 5970],
    ['80 h on Tmall, price ¥2000: 30% = ¥600, capped at ¥500', 80, true, 'tmall', 200000, 50000],
    ['80 h on Taobao: overdue, but R15 is a Tmall rule', 80, true, 'taobao', 19900, undefined],
  ] as const)('%s', (_name, hours, overdue, platform, price, amount) => {
    const s = shipmentStatus(kb, { platform, paidAt, price }, hoursAfter(paidAt, hours));
    expect(s.overdue).toBe(overdue);
    expect(s.dueAt).toEqual(at('2026-11-21 10:00'));
    expect(s.compensation?.amount).toBe(amount);
    if (amount) expect(s.compensation?.paidAs).toBe('tmall_points');
  });

  it('marks a capped compensation as capped', () => {
    expect(platformCompensation(kb, 'tmall', 'late_shipment', 200000, paidAt)).toMatchObject({ capped: true, cap: 50000 });
  });

  it('uses the rule version in force: the 2010 handbook paid 5%, at most ¥30, for stock-outs only', () => {
    const in2015 = at('2015-06-01 12:00');
    expect(platformCompensation(kb, 'tmall', 'out_of_stock', 200000, in2015)).toMatchObject({ amount: 3000, percent: 5, paidAs: 'cash' });
    expect(platformCompensation(kb, 'tmall', 'late_shipment', 200000, in2015)).toBeUndefined();
  });

  it('never exceeds its cap and never exceeds 30% of the price', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (price) => {
        const c = platformCompensation(kb, 'tmall', 'late_shipment', price, paidAt)!;
        return c.amount <= 50000 && c.amount <= Math.round(price * 0.3) && c.amount >= 0;
      }),
    );
  });

  it('a shipment made in time is not overdue later', () => {
    const s = shipmentStatus(kb, { platform: 'tmall', paidAt, shippedAt: hoursAfter(paidAt, 70), price: 19900 }, hoursAfter(paidAt, 200));
    expect(s.overdue).toBe(false);
  });
});

describe('the shop’s own promise (shop-profile promiseHours: 48) beside R16', () => {
  it.each([
    ['47 h: within the promise', 47, { promiseBroken: false, overdue: false, compensationIfStillLate: undefined }],
    ['60 h: promise broken, R15 would pay if still unshipped at 72 h', 60, { promiseBroken: true, overdue: false, compensationIfStillLate: expect.objectContaining({ amount: 5970 }) }],
    ['80 h: promise broken and overdue: R15 pays now', 80, { promiseBroken: true, overdue: true, compensation: expect.objectContaining({ amount: 5970 }), compensationIfStillLate: undefined }],
  ] as const)('%s', (_name, hours, expected) => {
    const s = shipmentStatus(kb, { platform: 'tmall', paidAt, price: 19900 }, hoursAfter(paidAt, hours));
    expect(s.promisedBy).toEqual(hoursAfter(paidAt, kb.profile.shipping.promiseHours));
    expect(s).toMatchObject(expected);
  });
});
