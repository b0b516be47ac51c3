/**
 * Before buying, "能七天无理由吗", "拆了还能退吗": the return terms of an item (R1 window, R2 scope,
 * R3 intact goods), from whether the shop takes part in 七天无理由, whether the item is customised
 * and whether its category is one the shop's profile says cannot be returned once opened.
 */
import type { KnowledgeBase } from '../knowledgeBase.js';
import type { RuleId } from '../schema.js';

export interface ReturnTerms {
  /** 七天无理由 applies to the item at all. */
  sevenDay: boolean;
  /** Why not: the shop does not offer it, or the item is made to order. */
  notBecause?: 'not_offered' | 'customised';
  /** Days after signing (R1), when it applies. */
  windowDays?: number;
  /** Returnable without a reason only unopened (food, cosmetics). */
  onlyUnopened: boolean;
  ruleIds: RuleId[];
}

export function returnTerms(kb: KnowledgeBase, item: { category?: string; customised: boolean }, now: Date): ReturnTerms {
  if (!kb.profile.programmes.some((p) => p.id === 'seven_day_return')) return { sevenDay: false, notBecause: 'not_offered', onlyUnopened: false, ruleIds: ['R2'] };
  if (item.customised) return { sevenDay: false, notBecause: 'customised', onlyUnopened: false, ruleIds: ['R2'] };
  const windowDays = kb.rules.params('R1', now).windowHours / 24;
  const onlyUnopened = item.category !== undefined && kb.profile.returnPolicy.openedNotReturnable.includes(item.category);
  return { sevenDay: true, windowDays, onlyUnopened, ruleIds: ['R1', 'R2', 'R3'] };
}
