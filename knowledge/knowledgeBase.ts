import type { Catalogue } from './catalogue.js';
import type { Faq } from './faq.js';
import type { Promotions } from './promotions.js';
import type { RuleBook } from './ruleBook.js';
import type { RefundReason, ShopProfile } from './schema.js';

/**
 * Everything the bot knows: platform rules, the shop's own settings, the F4 reason table, and for
 * pre-sales the catalogue's descriptive content, the FAQ and the promotions.
 */
export interface KnowledgeBase {
  rules: RuleBook;
  profile: ShopProfile;
  refundReasons: RefundReason[];
  /** knowledge/catalogue/<itemId>.yaml: attributes, size charts, notes (prices and stock are the order system's). */
  catalogue: Catalogue;
  /** knowledge/faq/*.yaml with similarity retrieval (`faq.answer(text, {itemId})`). */
  faq: Faq;
  /** knowledge/promotions.yaml resolved: 满减, coupons, gifts, activities, 价保. */
  promotions: Promotions;
  /** What loaded but deserves a look (kb:check prints these). */
  warnings: string[];
}
