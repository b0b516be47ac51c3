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
import { MODIFICATION_STAGES } from '../../dialogs/modifyOrderDialog.js';
import { UNPAID_REASONS } from '../../dialogs/urgePaymentDialog.js';
import { TEMPLATE_SAMPLES } from '../support/templateSamples.js';

let t: Templates;
beforeAll(async () => {
  t = await Templates.load();
});

const SOURCE_DIRS = ['bot', 'dialogs', 'knowledge', 'templates'];

/**
 * Template keys the code names: the first string argument of render/say/ask/askText/askYesNo.
 * A template literal such as `payment.offer.${reason}` names a family by its prefix.
 */
async function keysNamedInCode(): Promise<{ literal: Set<string>; families: Set<string> }> {
  const literal = new Set<string>();
  const families = new Set<string>();
  const call = /\b(?:render|say|ask|askText|askYesNo)\(\s*(?:[\w.]+,\s*)?(['`])([\w.]+?)(\.\$\{|\1)/g;
  for (const dir of SOURCE_DIRS) {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    for (const entry of entries.filter((e) => e.isFile() && e.name.endsWith('.ts'))) {
      const source = await readFile(join(entry.parentPath, entry.name), 'utf8');
      for (const match of source.matchAll(call)) (match[3] === '.${' ? families : literal).add(match[2]!);
    }
  }
  return { literal, families };
}

/** The values each dynamic family is rendered with, from the code's own lists. */
const FAMILIES: Record<string, readonly string[]> = {
  'payment.offer': UNPAID_REASONS,
  modify: ['unpaid', 'not_printed', 'printed', 'shipped'],
  'wrongItem.offer': ['wrong', 'missing'],
  quality: ['repair', 'replace'],
};

const SAMPLES = TEMPLATE_SAMPLES;

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
    const { literal, families } = await keysNamedInCode();
    expect([...literal].filter((k) => !t.has(k))).toEqual([]);
    expect([...families].sort()).toEqual(Object.keys(FAMILIES).sort());
    const familyKeys = Object.entries(FAMILIES).flatMap(([prefix, values]) => values.map((v) => `${prefix}.${v}`));
    expect(familyKeys.filter((k) => !t.has(k))).toEqual([]);
    expect(t.keys().filter((k) => !literal.has(k) && !familyKeys.includes(k))).toEqual([]);
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
    ['modifyStage', MODIFICATION_STAGES],
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
