import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEADLINE_IDS } from '../../knowledge/policy/deadlines.js';
import { ESCALATION_REASONS, RUNGS } from '../../knowledge/policy/escalation.js';
import { EXCHANGE_CONDITIONS } from '../../knowledge/policy/exchange.js';
import { RETURN_POSTAGE } from '../../knowledge/policy/refund.js';
import { EVIDENCE, REFUND_KINDS, TRADE_STATUSES } from '../../knowledge/schema.js';
import { unescapeText } from '../../templates/escape.js';
import { PLATFORM_EVIDENCE } from '../../templates/explain.js';
import { formatDate, formatDuration, formatMoney } from '../../templates/format.js';
import { Templates } from '../../templates/templates.js';
import { at } from '../support/knowledge.js';

let t: Templates;
beforeAll(async () => {
  t = await Templates.load();
});

const SOURCE_DIRS = ['bot', 'dialogs', 'knowledge', 'templates'];

/** Template keys named in the code as render('key', ...). */
async function keysNamedInCode(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const dir of SOURCE_DIRS) {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    for (const entry of entries.filter((e) => e.isFile() && e.name.endsWith('.ts'))) {
      const source = await readFile(join(entry.parentPath, entry.name), 'utf8');
      for (const match of source.matchAll(/\brender\(\s*'([\w.]+)'/g)) names.add(match[1]!);
    }
  }
  return names;
}

/** Typed sample data for every template; a new template without a sample fails the test below. */
const SAMPLES: Record<string, object> = {
  'menu.greeting': { shopName: '小满生活旗舰店' },
  'menu.prompt': {},
  'menu.clarify': {},
  'menu.offerHuman': {},
  'error.turnFailed': {},
  'exchange.allowed': { target: '白色 L', windowEndsAt: at('2026-11-28 00:00'), autoApprovedAt: at('2026-11-25 10:00'), ruleIds: ['R10', 'R11'] },
  'exchange.refused': { failures: [{ condition: 'price_difference' }, { condition: 'out_of_stock' }], ruleIds: ['R11', 'R12'] },
  'refund.route': {
    reasonLabel: '质量问题',
    kind: 'return_refund',
    returnPostage: 'seller',
    postageRefunded: true,
    maxRefund: 19900,
    buyerMustProvide: ['photos'],
    compensation: false,
    ruleIds: ['R4'],
  },
  'refund.unavailable': { blockedBy: 'seven_day_closed', ruleIds: ['R1'] },
  'shipping.overdue': { hoursSincePaid: 80, gift: '收纳袋', compensation: { amount: 5970, paidAs: 'tmall_points', capped: false }, ruleIds: ['R16', 'R15'] },
  'shipping.onTime': { dueAt: at('2026-11-23 10:00'), ruleIds: ['R16'] },
  'deadlines.list': { deadlines: [{ id: 'shipment_due', dueAt: at('2026-11-23 10:00'), remainingMs: 71 * 3_600_000 }] },
  'handoff.notice': { rung: 'supervisor' },
  'handoff.platformAdvice': { evidence: PLATFORM_EVIDENCE },
};

describe('templates', () => {
  it('every template compiles and has sample data, and every sample names a template', () => {
    expect(t.keys()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(Object.entries(SAMPLES))('%s renders its sample as Chinese text with no gaps', (key, data) => {
    const text = t.render(key, data);
    expect(text).toMatch(/\p{Script=Han}/u);
    expect(text).not.toMatch(/undefined|\[object|{{|NaN/);
  });

  it('every template the code names exists, and no template is unused', async () => {
    const named = await keysNamedInCode();
    expect([...named].filter((k) => !t.has(k))).toEqual([]);
    expect(t.keys().filter((k) => !named.has(k))).toEqual([]);
  });

  it.each([
    ['status', TRADE_STATUSES],
    ['refundKind', REFUND_KINDS],
    ['evidence', EVIDENCE],
    ['returnPostage', RETURN_POSTAGE],
    ['exchangeFailure', EXCHANGE_CONDITIONS],
    ['deadline', DEADLINE_IDS],
    ['rung', RUNGS],
    ['escalationReason', ESCALATION_REASONS],
    ['platformEvidence', PLATFORM_EVIDENCE],
  ] as const)('labels.%s has a phrase for every value', (group, values) => {
    expect(Object.keys(t.labelGroup(group)).sort()).toEqual([...values].sort());
  });

  it('fails loudly when a template is missing data instead of leaving a gap', () => {
    expect(() => t.render('menu.greeting', {})).toThrow(/shopName/);
  });
});

describe('hostile input is rendered inert', () => {
  it.each([
    ['<script>alert(1)</script>', /&lt;script&gt;/],
    ['<img src=x onerror=alert(1)>', /&lt;img/],
    ['{{shopName}} {{#each x}}', /\{\{shopName\}\} \{\{\\#each x\}\}/],
    ['[点我](javascript:alert(1))', /\\\[点我\\\]/],
  ])('%s', (hostile, expected) => {
    const text = t.render('exchange.allowed', { target: hostile, windowEndsAt: new Date(), autoApprovedAt: new Date(), ruleIds: [] });
    expect(text).toMatch(expected);
    expect(text).not.toContain('<script');
    expect(text).not.toContain('<img');
    expect(unescapeText(text)).toContain(hostile);
  });

  it('very long text stays as it is, once', () => {
    const long = '退'.repeat(10_000);
    const text = t.render('exchange.allowed', { target: long, windowEndsAt: new Date(), autoApprovedAt: new Date(), ruleIds: [] });
    expect(text.split(long)).toHaveLength(2);
  });
});

describe('formatting helpers', () => {
  it.each([
    [19900, '¥199.00'],
    [5, '¥0.05'],
    [50000, '¥500.00'],
    [-1250, '-¥12.50'],
  ])('money %d → %s', (fen, text) => expect(formatMoney(fen)).toBe(text));

  it.each([
    [(2 * 24 + 23) * 3_600_000 + 59 * 60_000, '2天23小时'],
    [3 * 24 * 3_600_000, '3天'],
    [5 * 3_600_000 + 12 * 60_000, '5小时12分钟'],
    [12 * 60_000, '12分钟'],
    [10_000, '1分钟'],
  ])('duration %d → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('dates in Asia/Shanghai', () => {
    expect(formatDate(new Date('2026-11-25T06:30:00Z'))).toBe('11月25日 14:30');
    expect(formatDate(new Date('2026-11-24T16:30:00Z'), { dateOnly: true })).toBe('11月25日');
  });
});
