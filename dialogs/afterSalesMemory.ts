/**
 * What the after-sales flows remember for the whole conversation, beside ConversationData: flags
 * only, never orders or the buyer's words.
 */
import type { TurnContext } from 'botbuilder';
import type { FlowDeps } from './flowDeps.js';
import { newConversationData, type ConversationData } from './turnContext.js';

export interface AfterSalesMemory {
  /** F5's offer to keep the item (exchange or compensation) was made: at most once per conversation. */
  retentionOffered?: boolean;
}

export async function afterSalesMemory(deps: Pick<FlowDeps, 'conversationData'>, context: TurnContext): Promise<AfterSalesMemory> {
  return (await deps.conversationData.get(context, newConversationData())) as ConversationData & AfterSalesMemory;
}
