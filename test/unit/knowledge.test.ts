import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_DIR } from '../../knowledge/paths.js';
import { RULE_IDS } from '../../knowledge/schema.js';
import { kb, knowledgeProblems } from '../support/knowledge.js';

const run = promisify(execFile);
const BROKEN = 'test/fixtures/knowledge-broken';

describe('the knowledge base', () => {
  it('has every rule of DOMAIN.md with a source and at least one dated version', () => {
    expect(kb.rules.all().map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
    for (const rule of kb.rules.all()) {
      expect(rule.versions.length).toBeGreaterThan(0);
      for (const v of rule.versions) expect(v.source.section.length).toBeGreaterThan(0);
    }
  });

  it('keeps both versions of R15 (2010 handbook and current Tmall rule), with dates', () => {
    const versions = kb.rules.get('R15').versions;
    expect(versions.map((v) => [v.source.seed, v.params.percentOfPrice, v.params.capYuan])).toEqual([
      ['001', 5, 30],
      ['000', 30, 500],
    ]);
  });

  it('names the file, the entry and the field of each problem', async () => {
    const message = await knowledgeProblems(BROKEN);
    expect(message).toContain('rules/shipping.yaml: entry R15: versions.0.params.capYuan');
    expect(message).toContain('rules/shipping.yaml: entry R16: versions.0.params.overdueAfterHours');
    expect(message).toMatch(/shop-profile\.yaml: serviceHours\.end: expected "HH:MM"/);
    expect(message).toMatch(/entry R1: id: rule is missing/);
  });

  it('refuses duplicate rules, unknown rule ids, bad YAML and a missing profile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kefu-kb-'));
    try {
      await cp(KNOWLEDGE_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
      const returns = join(dir, 'rules', 'returns.yaml');
      const text = await readFile(returns, 'utf8');
      await writeFile(returns, `${text}\n- id: R99\n  title: x\n  platform: both\n  summary: x\n  versions: []\n`);
      await writeFile(join(dir, 'rules', 'broken.yaml'), 'id: [unclosed');
      await writeFile(join(dir, 'rules', 'copy.yaml'), (await readFile(join(KNOWLEDGE_DIR, 'rules', 'reviews.yaml'), 'utf8')));
      await rm(join(dir, 'shop-profile.yaml'));
      const message = await knowledgeProblems(dir);
      expect(message).toMatch(/returns\.yaml: entry R99: id: Invalid option/);
      expect(message).toMatch(/broken\.yaml: \(file\): is not valid YAML/);
      expect(message).toMatch(/entry R23: id: duplicate/);
      expect(message).toMatch(/shop-profile\.yaml: \(file\): cannot be read/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('npm run kb:check passes on the shipped knowledge and fails on the broken fixture naming the field', async () => {
    const ok = await run('npx', ['tsx', 'scripts/kbCheck.ts']);
    expect(ok.stdout).toMatch(/knowledge OK: 28 rules/);
    const failed = await run('npx', ['tsx', 'scripts/kbCheck.ts', BROKEN]).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('entry R15: versions.0.params.capYuan');
  });
});
