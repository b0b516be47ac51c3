/**
 * The escalation hook. Flows decide *that* a person must take over (the rung comes from
 * knowledge/policy/escalation); the hook decides *how* (bot/handoff/humanHandoff.ts: tell the
 * buyer, send the handoff event, queue the conversation for the agents).
 */
import type { TurnContext } from 'botbuilder';
import type { EscalationDecision } from '../knowledge/policy/escalation.js';
import type { RuleId } from '../knowledge/schema.js';

export interface HandoffRequest {
  decision: EscalationDecision;
  /** The flow that asked, e.g. "exchange". */
  flow: string;
  tid?: string;
  /** One line for the agent: what the buyer wants and what was offered. */
  summary: string;
  ruleIds: RuleId[];
}

export interface HandoffHook {
  handOff(context: TurnContext, request: HandoffRequest): Promise<void>;
}
