import { describe, expect, it } from 'vitest';
import { escalationRung, type EscalationCase } from '../../../knowledge/policy/escalation.js';
import { kb } from '../../support/knowledge.js';

describe('escalation ladder (DOMAIN.md; shop limit ¥30 in the profile)', () => {
  it.each<[string, EscalationCase, string, string[]]>([
    ['nothing special: the bot handles it', {}, 'bot', []],
    ['asked for a person', { askedForHuman: true }, 'agent', ['asked_for_human']],
    ['asked for the 主管: the middle rung', { askedForSupervisor: true }, 'supervisor', ['asked_for_supervisor']],
    ['misunderstood once', { misunderstandings: 1 }, 'bot', []],
    ['misunderstood twice', { misunderstandings: 2 }, 'agent', ['not_understood']],
    ['angry', { angry: true }, 'agent', ['angry']],
    ['¥30 compensation: within the agent limit', { compensationRequested: 3000 }, 'agent', ['money_decision']],
    ['¥30.01 compensation: supervisor', { compensationRequested: 3001 }, 'supervisor', ['compensation_above_limit']],
    ['a money decision with no amount yet: agent', { moneyDecision: true }, 'agent', ['money_decision']],
    ['compensation for changing a review: supervisor (F16)', { reviewCompensation: true }, 'supervisor', ['review_compensation']],
    ['complaint, seller at fault: supervisor settles', { complaintFiled: true, sellerAtFault: true }, 'supervisor', ['complaint_seller_at_fault']],
    ['complaint, seller not at fault: evidence to 小二', { complaintFiled: true, sellerAtFault: false }, 'platform', ['complaint_seller_not_at_fault']],
    ['complaint not yet verified: no 小二 yet', { complaintFiled: true }, 'bot', []],
    ['excessive demand after negotiation', { excessiveDemandAfterNegotiation: true }, 'platform', ['excessive_demand']],
    ['dispute past its timeout', { disputePastTimeout: true }, 'platform', ['dispute_past_timeout']],
  ])('%s → %s', (_name, c, rung, codes) => {
    const d = escalationRung(kb, c);
    expect(d.rung).toBe(rung);
    expect(d.reasons.map((r) => r.code)).toEqual(codes);
  });

  it('takes the highest rung any reason calls for, and keeps every reason', () => {
    const d = escalationRung(kb, { askedForHuman: true, compensationRequested: 10000, excessiveDemandAfterNegotiation: true });
    expect(d.rung).toBe('platform');
    expect(d.reasons.map((r) => r.rung)).toEqual(['agent', 'supervisor', 'platform']);
  });
});
