/**
 * What agents do with handed-off conversations: take one (first come; the buyer is told who is
 * serving them), reply (a proactive message into the buyer's conversation), give it back to the
 * bot, or resolve it. Also tells buyers who waited longer than the shop's limit.
 */
import { EventFactory, MessageFactory, type Activity, type CloudAdapter } from 'botbuilder';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import { escapeText } from '../../templates/escape.js';
import type { Templates } from '../../templates/templates.js';
import type { Agent } from '../agents/agentAuth.js';
import { agentMarkerFor } from '../agents/agentView.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { ClaimResult, HandoffCase, HandoffStore } from './handoffStore.js';

export interface HandoffDeskDeps {
  store: HandoffStore;
  adapter: CloudAdapter;
  appId: string;
  templates: Templates;
  knowledge: KnowledgeBase;
  metrics: Metrics;
  logger: Logger;
  clock: () => Date;
}

/** `unreachable`: the buyer's channel takes no messages outside a turn (e.g. expectReplies only). */
export type DeskRefusal = 'not_found' | 'taken' | 'not_yours' | 'above_your_role' | 'unreachable';

/** Agents take cases on their own rung and 小二 advice; supervisors take any. */
export function mayTake(agent: Agent, handoff: HandoffCase): boolean {
  return agent.role === 'supervisor' || handoff.rung !== 'supervisor';
}

export class HandoffDesk {
  constructor(private readonly deps: HandoffDeskDeps) {}

  /** Open cases this agent may see: supervisors see all, agents not the supervisors' ones. */
  async queue(agent: Agent): Promise<HandoffCase[]> {
    return (await this.deps.store.list()).filter((c) => mayTake(agent, c));
  }

  async claim(id: string, agent: Agent): Promise<ClaimResult | { ok: false; reason: DeskRefusal }> {
    const handoff = await this.deps.store.get(id);
    if (!handoff) return { ok: false, reason: 'not_found' };
    if (!mayTake(agent, handoff)) return { ok: false, reason: 'above_your_role' };
    const now = this.deps.clock();
    const result = await this.deps.store.claim(id, agent.id, now);
    if (!result.ok) return result;
    this.deps.metrics.pickupSeconds.observe({ rung: handoff.rung }, (now.getTime() - Date.parse(handoff.queuedAt)) / 1000);
    this.audit('claimed', handoff, agent);
    await this.send(result.handoff, agent, this.deps.templates.render('handoff.agentJoined', { agentName: agent.id }), 'accepted');
    return result;
  }

  /** The agent's text goes to the buyer as typed, escaped so it cannot carry markup. */
  async reply(id: string, agent: Agent, text: string): Promise<{ ok: true } | { ok: false; reason: DeskRefusal }> {
    const handoff = await this.assignedTo(id, agent);
    if (!('id' in handoff)) return handoff;
    if (!handoff.reference.serviceUrl) return { ok: false, reason: 'unreachable' };
    await this.send(handoff, agent, escapeText(text));
    this.audit('replied', handoff, agent);
    return { ok: true };
  }

  async giveBack(id: string, agent: Agent): Promise<{ ok: true } | { ok: false; reason: DeskRefusal }> {
    const handoff = await this.assignedTo(id, agent);
    if (!('id' in handoff)) return handoff;
    await this.deps.store.close(id, 'returned');
    this.audit('gave back', handoff, agent);
    await this.send(handoff, undefined, this.deps.templates.render('handoff.backToBot'), 'completed');
    return { ok: true };
  }

  async resolve(id: string, agent: Agent): Promise<{ ok: true } | { ok: false; reason: DeskRefusal }> {
    const handoff = await this.assignedTo(id, agent);
    if (!('id' in handoff)) return handoff;
    await this.deps.store.close(id, 'resolved');
    this.audit('resolved', handoff, agent);
    await this.send(handoff, agent, undefined, 'completed');
    return { ok: true };
  }

  /** Buyers queued longer than the shop's wait are told, once, and invited to leave a message. */
  async noticeLongWaits(): Promise<void> {
    const now = this.deps.clock().getTime();
    const maxWaitMs = this.deps.knowledge.profile.handoff.maxWaitMinutes * 60_000;
    for (const handoff of await this.deps.store.list()) {
      if (handoff.status !== 'queued' || now - Date.parse(handoff.queuedAt) < maxWaitMs) continue;
      if (await this.deps.store.markWaitNotice(handoff.id)) await this.send(handoff, undefined, this.deps.templates.render('handoff.noAgentYet'));
    }
  }

  /** Who did what to which case (never the text: it may quote the buyer). */
  private audit(action: string, handoff: HandoffCase, agent: Agent): void {
    this.deps.logger.info({ caseId: handoff.id, conversationId: handoff.conversationId, agentId: agent.id, role: agent.role }, `handoff ${action}`);
  }

  private async assignedTo(id: string, agent: Agent): Promise<HandoffCase | { ok: false; reason: DeskRefusal }> {
    const handoff = await this.deps.store.get(id);
    if (!handoff || (handoff.status !== 'assigned' && handoff.status !== 'queued')) return { ok: false, reason: 'not_found' };
    // A supervisor may step into any case; an agent only into their own.
    if (handoff.agentId !== agent.id && agent.role !== 'supervisor') return { ok: false, reason: 'not_yours' };
    return handoff;
  }

  /**
   * A message into the buyer's conversation (from the agent when there is one) and, with a state,
   * Bot Framework's handoff status event, which also tells every agent console to refresh.
   */
  private async send(handoff: HandoffCase, agent: Agent | undefined, text: string | undefined, status?: 'accepted' | 'completed'): Promise<void> {
    // A channel without a serviceUrl (the terminal chat) only hears replies within its own turns.
    if (!handoff.reference.serviceUrl) return;
    await this.deps.adapter.continueConversationAsync(this.deps.appId, handoff.reference, async (context) => {
      if (text !== undefined) {
        const message: Partial<Activity> = MessageFactory.text(text);
        if (agent) message.channelData = agentMarkerFor(agent);
        await context.sendActivity(message);
      }
      if (status) await context.sendActivity(EventFactory.createHandoffStatus(context.activity.conversation, status));
    });
  }
}
