/**
 * Cases the bot records for people to follow up: handoffs, 催付 lost-order reasons, order
 * changes, invoice requests, courier follow-ups. Kept with the conversation (so an agent opening
 * it sees them) and logged without buyer text.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Logger } from '../bot/logger.js';

export interface CaseEntry {
  kind: 'handoff' | 'unpaid_reason' | 'order_change' | 'invoice' | 'courier_follow_up' | 'supervisor_notice';
  flow: string;
  tid?: string;
  rung?: string;
  reasons?: string[];
  summary: string;
  ruleIds?: string[];
  details?: Record<string, string>;
}

export interface RecordedCase extends CaseEntry {
  at: string;
}

export interface CaseLog {
  record(context: TurnContext, entry: CaseEntry): Promise<void>;
}

/** Keeps at most this many cases per conversation, newest last. */
const MAX_CASES = 50;

export class ConversationCaseLog implements CaseLog {
  constructor(
    private readonly cases: StatePropertyAccessor<RecordedCase[]>,
    private readonly logger: Logger,
  ) {}

  async record(context: TurnContext, entry: CaseEntry): Promise<void> {
    const list = await this.cases.get(context, []);
    list.push({ ...entry, at: new Date().toISOString() });
    if (list.length > MAX_CASES) list.splice(0, list.length - MAX_CASES);
    // Summaries and details may quote the buyer, so only the kind and ids are logged.
    this.logger.info(
      { conversationId: context.activity.conversation.id, case: entry.kind, flow: entry.flow, tid: entry.tid, rung: entry.rung, reasons: entry.reasons },
      'case recorded',
    );
  }
}
