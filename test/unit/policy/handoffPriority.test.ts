import { describe, expect, it } from 'vitest';
import { handoffPriority } from '../../../knowledge/policy/handoffPriority.js';
import { at, hoursAfter } from '../../support/knowledge.js';

const now = at('2026-11-23 10:00');

describe('who waits first for a person', () => {
  it.each([
    ['a calm question', { angry: false, rung: 'agent' }, 0, []],
    ['an angry buyer', { angry: true, rung: 'agent' }, 3, ['angry']],
    ['¥599 at stake', { angry: false, rung: 'agent', moneyAtStake: 59_900 }, 2, ['money_high']],
    ['¥199 at stake', { angry: false, rung: 'agent', moneyAtStake: 19_900 }, 1, ['money_medium']],
    ['¥59 at stake', { angry: false, rung: 'agent', moneyAtStake: 5_900 }, 0, []],
    ['a refund auto-approves in 5 h', { angry: false, rung: 'agent', soonestDeadline: hoursAfter(now, 5) }, 2, ['deadline_within_24h']],
    ['a deadline in 2 days', { angry: false, rung: 'agent', soonestDeadline: hoursAfter(now, 48) }, 1, ['deadline_within_72h']],
    ['a deadline in 5 days', { angry: false, rung: 'agent', soonestDeadline: hoursAfter(now, 120) }, 0, []],
    ['for a supervisor', { angry: false, rung: 'supervisor' }, 1, ['above_agent']],
    ['angry, ¥599, 5 h left, 小二 advice', { angry: true, rung: 'platform', moneyAtStake: 59_900, soonestDeadline: hoursAfter(now, 5) }, 8, ['angry', 'money_high', 'deadline_within_24h', 'above_agent']],
  ] as const)('%s', (_name, facts, priority, factors) => {
    expect(handoffPriority(facts, now)).toEqual({ priority, factors });
  });
});
