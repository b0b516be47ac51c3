/** Return terms before buying (R1, R2, R3 and the profile's returnPolicy), table by table. */
import { describe, expect, it } from 'vitest';
import { returnTerms } from '../../../knowledge/policy/returnTerms.js';
import { at, kb } from '../../support/knowledge.js';

const now = at('2026-11-23 10:00');

describe('returnTerms', () => {
  it.each([
    [{ category: '服装', customised: false }, { sevenDay: true, windowDays: 7, onlyUnopened: false }],
    [{ category: '食品', customised: false }, { sevenDay: true, windowDays: 7, onlyUnopened: true }],
    [{ category: '美妆护肤', customised: false }, { sevenDay: true, windowDays: 7, onlyUnopened: true }],
    [{ category: '家居日用', customised: true }, { sevenDay: false, notBecause: 'customised' }],
  ])('%j → %j', (item, expected) => {
    expect(returnTerms(kb, item, now)).toMatchObject(expected);
  });

  it('a shop that does not take part in 七天无理由 says so for every item', () => {
    const without = { ...kb, profile: { ...kb.profile, programmes: kb.profile.programmes.filter((p) => p.id !== 'seven_day_return') } };
    expect(returnTerms(without, { category: '服装', customised: false }, now)).toMatchObject({ sevenDay: false, notBecause: 'not_offered' });
  });
});
