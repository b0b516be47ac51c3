import type { Platform, RuleEntry, RuleId, RuleParams } from './schema.js';

export interface RuleVersion<K extends RuleId = RuleId> {
  effectiveFrom: Date;
  dateBasis: string;
  source: { seed: string; section: string };
  params: RuleParams<K>;
}

export interface Rule<K extends RuleId = RuleId> {
  id: K;
  title: string;
  platform: 'both' | Platform;
  summary: string;
  /** Oldest first. */
  versions: RuleVersion<K>[];
}

/** Rules by id, each with its dated versions; `at` picks the version in force at a moment. */
export class RuleBook {
  private readonly byId: Map<RuleId, Rule>;

  constructor(rules: Rule[]) {
    this.byId = new Map(rules.map((r) => [r.id, r]));
  }

  get<K extends RuleId>(id: K): Rule<K> {
    const rule = this.byId.get(id);
    if (!rule) throw new Error(`unknown rule ${id}`);
    return rule as Rule<K>;
  }

  /** The version in force at `when` (the latest that started on or before it; else the oldest). */
  at<K extends RuleId>(id: K, when: Date): RuleVersion<K> {
    const { versions } = this.get(id);
    const inForce = versions.filter((v) => v.effectiveFrom.getTime() <= when.getTime());
    return (inForce.at(-1) ?? versions[0])!;
  }

  params<K extends RuleId>(id: K, when: Date): RuleParams<K> {
    return this.at(id, when).params;
  }

  appliesTo(id: RuleId, platform: Platform): boolean {
    const scope = this.get(id).platform;
    return scope === 'both' || scope === platform;
  }

  all(): Rule[] {
    return [...this.byId.values()];
  }
}

export function toRule(entry: RuleEntry, parsedParams: unknown[]): Rule {
  return {
    ...entry,
    versions: entry.versions
      .map((v, i) => ({ ...v, effectiveFrom: new Date(`${v.effectiveFrom}T00:00:00+08:00`), params: parsedParams[i] as RuleParams<RuleId> }))
      .sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime()),
  };
}
