import type { StatePropertyAccessor } from 'botbuilder';
import type { Recognizer } from '../bot/nlu/types.js';
import type { OrderService } from '../bot/orders/orderService.js';
import type { ReminderOptOut } from '../bot/proactive/buyerContacts.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { Templates } from '../templates/templates.js';
import type { CaseLog } from './caseLog.js';
import type { HandoffHook } from './handoff.js';
import type { ConversationData } from './turnContext.js';

/** What every flow dialog needs: knowledge and words, orders, the escalation hook, a clock. */
export interface FlowDeps {
  templates: Templates;
  knowledge: KnowledgeBase;
  orders: OrderService;
  handoff: HandoffHook;
  cases: CaseLog;
  /** Where a buyer's "no more reminders" is kept. */
  optOuts: ReminderOptOut;
  conversationData: StatePropertyAccessor<ConversationData>;
  /** Time for policy decisions; injectable so transcripts are reproducible. */
  clock: () => Date;
  /** To recognize each clause of a message that asks several things at once. */
  recognizer: Recognizer;
}
