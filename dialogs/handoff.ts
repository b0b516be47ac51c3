/**
 * The escalation hook. Flows decide *that* a person must take over (the rung comes from
 * knowledge/policy/escalation); the hook decides *how*. This version tells the buyer what happens
 * next and records the case; the handoff issue plugs a queue and the agent console in behind
 * the same interface.
 */
import type { TurnContext } from 'botbuilder';
import type { EscalationDecision } from '../knowledge/policy/escalation.js';
import type { RuleId } from '../knowledge/schema.js';
import type { CaseLog } from './caseLog.js';

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

/** Tells the buyer a person will take over, and records the case for the agents. */
export class RecordingHandoff implements HandoffHook {
  constructor(
    private readonly cases: CaseLog,
    private readonly announce: (decision: EscalationDecision) => string,
  ) {}

  async handOff(context: TurnContext, request: HandoffRequest): Promise<void> {
    await context.sendActivity(this.announce(request.decision));
    await this.cases.record(context, {
      kind: 'handoff',
      flow: request.flow,
      tid: request.tid,
      rung: request.decision.rung,
      reasons: request.decision.reasons.map((r) => r.code),
      summary: request.summary,
      ruleIds: [...new Set([...request.ruleIds, ...request.decision.ruleIds])],
    });
  }
}
