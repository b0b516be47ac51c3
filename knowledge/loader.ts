/**
 * Reads and validates knowledge/. Every problem is reported with the file, the entry and the
 * field, all at once, and loading fails: the bot must not start on wrong rules.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { KnowledgeBase } from './knowledgeBase.js';
import { checkProfile, loadCatalogue, loadFaq, loadPromotions } from './presaleLoader.js';
import { entryName, Problems, readYaml } from './problems.js';
import { RuleBook, toRule, type Rule } from './ruleBook.js';
import { RULE_IDS, refundReasonSchema, ruleParamSchemas, ruleSchema, shopProfileSchema, type RefundReason, type RuleId } from './schema.js';

export class KnowledgeError extends Error {
  override name = 'KnowledgeError';
  constructor(readonly problems: string[]) {
    super(`Knowledge base is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

async function loadRules(dir: string, problems: Problems): Promise<Rule[]> {
  const rulesDir = join(dir, 'rules');
  const files = (await readdir(rulesDir).catch(() => [] as string[])).filter((f) => f.endsWith('.yaml')).sort();
  if (files.length === 0) problems.add(rulesDir, undefined, '(directory)', 'has no .yaml rule files');
  const rules: Rule[] = [];
  const seen = new Map<string, string>();
  for (const name of files) {
    const file = join(rulesDir, name);
    const doc = await readYaml(file, problems);
    if (doc === undefined) continue;
    if (!Array.isArray(doc)) {
      problems.add(file, undefined, '(file)', 'must be a list of rules');
      continue;
    }
    doc.forEach((raw, index) => {
      const entry = entryName(raw, index);
      const parsed = ruleSchema.safeParse(raw);
      if (!parsed.success) return problems.addZod(file, entry, parsed.error);
      const rule = parsed.data;
      if (seen.has(rule.id)) return problems.add(file, entry, 'id', `duplicate of the rule in ${seen.get(rule.id)}`);
      seen.set(rule.id, name);
      const dates = rule.versions.map((v) => v.effectiveFrom);
      if (new Set(dates).size !== dates.length) problems.add(file, entry, 'versions', 'two versions share an effectiveFrom date');
      const params = rule.versions.map((version, v) => {
        const checked = ruleParamSchemas[rule.id].safeParse(version.params);
        if (!checked.success) problems.addZod(file, entry, checked.error, ['versions', v, 'params']);
        return checked.data;
      });
      if (params.every((p) => p !== undefined)) rules.push(toRule(rule, params));
    });
  }
  for (const id of RULE_IDS) if (!seen.has(id)) problems.add(rulesDir, id, 'id', 'rule is missing from every file');
  return rules;
}

function checkReferences(rules: Rule[], problems: Problems, dir: string): void {
  const ids = new Set(rules.map((r) => r.id));
  for (const rule of rules)
    rule.versions.forEach((version, v) => {
      for (const [field, value] of Object.entries(version.params))
        if (/Rule$/.test(field) && typeof value === 'string' && !ids.has(value as RuleId))
          problems.add(join(dir, 'rules'), rule.id, `versions.${v}.params.${field}`, `refers to unknown rule ${value}`);
    });
}

async function loadRefundReasons(dir: string, problems: Problems): Promise<RefundReason[]> {
  const file = join(dir, 'flows', 'refund-reasons.yaml');
  const doc = await readYaml(file, problems);
  if (doc === undefined) return [];
  if (!Array.isArray(doc)) {
    problems.add(file, undefined, '(file)', 'must be a list of reasons');
    return [];
  }
  const reasons: RefundReason[] = [];
  doc.forEach((raw, index) => {
    const parsed = refundReasonSchema.safeParse(raw);
    if (!parsed.success) return problems.addZod(file, entryName(raw, index), parsed.error);
    if (reasons.some((r) => r.id === parsed.data.id)) return problems.add(file, parsed.data.id, 'id', 'duplicate reason id');
    reasons.push(parsed.data);
  });
  return reasons;
}

export async function loadKnowledge(dir: string): Promise<KnowledgeBase> {
  const problems = new Problems(join(dir, '..'));
  const rules = await loadRules(dir, problems);
  checkReferences(rules, problems, dir);
  const profileFile = join(dir, 'shop-profile.yaml');
  const profileDoc = await readYaml(profileFile, problems);
  const profile = profileDoc === undefined ? undefined : shopProfileSchema.safeParse(profileDoc);
  if (profile && !profile.success) problems.addZod(profileFile, undefined, profile.error);
  const refundReasons = await loadRefundReasons(dir, problems);
  const catalogue = await loadCatalogue(dir, problems);
  const faq = await loadFaq(dir, catalogue, problems);
  const promotions = await loadPromotions(dir, catalogue, problems);
  if (profile?.success) checkProfile(profile.data, promotions, profileFile, problems);
  if (problems.list.length > 0 || !profile?.success || !promotions) throw new KnowledgeError(problems.list);
  return { rules: new RuleBook(rules), profile: profile.data, refundReasons, catalogue, faq, promotions, warnings: problems.warnings };
}
