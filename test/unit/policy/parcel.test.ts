import { describe, expect, it } from 'vitest';
import { parcelProgress } from '../../../knowledge/policy/parcel.js';
import { at, hoursAfter, kb } from '../../support/knowledge.js';

const now = at('2026-11-22 10:00');

describe('a parcel on its way: stalled after the normal transit time without a scan (profile: 3 days)', () => {
  it.each([
    ['last scan 2 days ago: moving', 48, false, false],
    ['last scan exactly 3 days ago: still within the normal time', 72, false, false],
    ['last scan 4 days ago: stalled', 96, false, true],
    ['signed, last scan 5 days ago: not stalled (delivered)', 120, true, false],
  ] as const)('%s', (_name, hoursAgo, signed, stalled) => {
    const p = parcelProgress(kb, { lastScanAt: hoursAfter(now, -hoursAgo), signed }, now);
    expect(p.stalled).toBe(stalled);
    expect(p.normalTransitDays).toBe(kb.profile.shipping.normalTransitDays);
    expect(p.ruleIds).toEqual(stalled ? ['R17'] : []);
  });
});
