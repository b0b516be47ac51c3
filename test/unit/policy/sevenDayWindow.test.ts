import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sevenDayWindow } from '../../../knowledge/policy/sevenDayWindow.js';
import type { SignTime } from '../../../knowledge/policy/time.js';
import { at, hoursAfter, kb } from '../../support/knowledge.js';

describe('七天无理由 window (R1)', () => {
  it.each<[string, SignTime, string, boolean, string]>([
    ['exact sign time: 168 h from the moment', { kind: 'exact', at: at('2026-11-20 23:59') }, '2026-11-27 23:58', true, '2026-11-27 23:59'],
    ['exact sign time: at exactly 168 h it has closed', { kind: 'exact', at: at('2026-11-20 23:59') }, '2026-11-27 23:59', false, '2026-11-27 23:59'],
    ['date only (signed at 23:59 that day): counts from 00:00 next day', { kind: 'date', date: '2026-11-20' }, '2026-11-21 00:00', true, '2026-11-28 00:00'],
    ['date only: closes 168 h after next-day midnight', { kind: 'date', date: '2026-11-20' }, '2026-11-28 00:00', false, '2026-11-28 00:00'],
    ['date only: the day of signing does not count', { kind: 'date', date: '2026-11-20' }, '2026-11-27 23:59', true, '2026-11-28 00:00'],
  ])('%s', (_name, signed, now, open, endsAt) => {
    const window = sevenDayWindow(kb, signed, at(now));
    expect(window.open).toBe(open);
    expect(window.endsAt).toEqual(at(endsAt));
    expect(window.ruleIds).toEqual(['R1']);
  });

  it('never reopens as time moves on', () => {
    const signedAt = at('2026-11-01 10:00');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (h1, h2) => {
        const [early, late] = h1 <= h2 ? [h1, h2] : [h2, h1];
        const before = sevenDayWindow(kb, { kind: 'exact', at: signedAt }, hoursAfter(signedAt, early));
        const after = sevenDayWindow(kb, { kind: 'exact', at: signedAt }, hoursAfter(signedAt, late));
        return before.open || !after.open;
      }),
    );
  });

  it('a date-only signature never gives less time than signing at the last minute of that day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), (minute) => {
        const signedAt = new Date(at('2026-11-20 00:00').getTime() + minute * 60_000);
        const exact = sevenDayWindow(kb, { kind: 'exact', at: signedAt }, signedAt);
        const dateOnly = sevenDayWindow(kb, { kind: 'date', date: '2026-11-20' }, signedAt);
        return dateOnly.endsAt.getTime() >= exact.endsAt.getTime();
      }),
    );
  });
});
