import type { RuleBook } from './ruleBook.js';
import type { RefundReason, ShopProfile } from './schema.js';

/** Everything the bot knows: platform rules, the shop's own settings and the F4 reason table. */
export interface KnowledgeBase {
  rules: RuleBook;
  profile: ShopProfile;
  refundReasons: RefundReason[];
}
