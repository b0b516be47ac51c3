import type { RuleId } from '../schema.js';

/** Every policy answer names the rules it rests on, so the bot and agents can cite them. */
export interface Cited {
  ruleIds: RuleId[];
}

export const uniqueRules = (...lists: RuleId[][]): RuleId[] => [...new Set(lists.flat())];
