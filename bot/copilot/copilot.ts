/**
 * The agents' copilot: for a buyer message and (optionally) an order, what the bot understands,
 * what the rules decide, which deadlines run, how high the case sits on the escalation ladder,
 * and two or three replies rendered from the templates, each with the rule ids it rests on.
 * Pure over its inputs apart from the order lookup; no Bot Framework types.
 */
import { PRESALE_INTENTS, type Intent, type Recognition, type Recognizer } from '../nlu/types.js';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import { runningDeadlines, type Deadline } from '../../knowledge/policy/deadlines.js';
import { escalationRung, type EscalationCase, type EscalationDecision } from '../../knowledge/policy/escalation.js';
import { exchangeEligibility, type ExchangeDecision } from '../../knowledge/policy/exchange.js';
import { yuanToFen } from '../../knowledge/policy/money.js';
import { refundReasonsFor, routeRefund, type RefundRoute } from '../../knowledge/policy/refund.js';
import { shipmentStatus, type ShipmentStatus } from '../../knowledge/policy/shipment.js';
import type { RuleId } from '../../knowledge/schema.js';
import { explainEscalation, explainExchange, explainRefund, explainShipment, listDeadlines } from '../../templates/explain.js';
import type { Templates } from '../../templates/templates.js';
import type { ItemSkus, Trade } from '../orders/contract.js';
import { toExchangeInput, toOrderFacts, toRefundInput, toShipmentInput } from '../orders/orderFacts.js';
import { skuByWords, skuName } from '../orders/skus.js';

export interface Suggestion {
  text: string;
  ruleIds: RuleId[];
}

export type CopilotDecision =
  | { kind: 'exchange'; target: string; decision: ExchangeDecision; failedConditions: string[] }
  | { kind: 'refund'; routes: RefundRoute[] }
  | { kind: 'shipment'; status: ShipmentStatus };

export interface CopilotAnswer {
  intent: { name: string; confidence: number };
  /** A pre-sales question: the item it is about, and whether the shop's data left it unanswered (ask a colleague, never guess). */
  presale?: { itemId?: string; unanswered: boolean };
  entities: Recognition['entities'];
  order?: { tid: string; status: Trade['status']; platform: Trade['platform']; payment: string; titles: string[] };
  decision?: CopilotDecision;
  /** Each with its label in the shop's words, for the console. */
  deadlines: (Deadline & { label: string })[];
  escalation: EscalationDecision;
  suggestions: Suggestion[];
}

/** Answers a pre-sales question from the shop's data, the way the bot answers buyers (wired in by the composition root). */
export type PresaleAnswerer = (question: { intent: Intent; text: string }, itemId: string | undefined, now: Date) => Promise<{ sentences: string[]; handOff: boolean }>;

export interface CopilotDeps {
  recognizer: Recognizer;
  knowledge: KnowledgeBase;
  templates: Templates;
  itemSkus: (itemId: string) => Promise<ItemSkus>;
  answerPresale: PresaleAnswerer;
}


/** What the message alone says about the ladder (the agent sees the rest). */
function escalationFacts(recognition: Recognition, text: string): EscalationCase {
  const { intent, entities } = recognition;
  return {
    askedForHuman: intent === 'human_agent',
    angry: intent === 'complaint_or_escalate' || intent === 'ask_supervisor',
    platformInterventionRequested: intent === 'complaint_or_escalate' && /小二|平台介入/.test(text),
    compensationRequested: entities.amountYuan !== undefined && (intent === 'complaint_or_escalate' || intent === 'quality_issue') ? yuanToFen(entities.amountYuan) : undefined,
  };
}

/** `itemId`: the item the buyer is looking at, if the agent knows it (an item the text names comes first). */
export async function suggest(deps: CopilotDeps, text: string, trade: Trade | undefined, now: Date, itemId?: string): Promise<CopilotAnswer> {
  const { recognizer, knowledge, templates } = deps;
  const recognition = recognizer.recognize(text, now);
  const presale = PRESALE_INTENTS.includes(recognition.intent) ? await deps.answerPresale({ intent: recognition.intent, text }, itemId, now) : undefined;
  const deadlines = trade ? runningDeadlines(knowledge, toOrderFacts(trade), now) : [];
  const escalation = escalationRung(knowledge, escalationFacts(recognition, text));
  const decision = trade ? await decide(deps, recognition, trade, text, now) : undefined;

  const suggestions: Suggestion[] = [];
  // The same facts the bot gives buyers, each sentence with its source written in it.
  if (presale) suggestions.push(...presale.sentences.map((sentence) => ({ text: sentence, ruleIds: [] })));
  if (decision) suggestions.push(...explainDecision(templates, knowledge, decision));
  if (deadlines.length) suggestions.push({ text: listDeadlines(templates, deadlines), ruleIds: [...new Set(deadlines.flatMap((d) => d.ruleIds))] });
  if (escalation.rung !== 'bot') suggestions.push({ text: explainEscalation(templates, escalation), ruleIds: escalation.ruleIds });
  if (suggestions.length === 0) suggestions.push({ text: templates.render('menu.clarify'), ruleIds: [] });

  return {
    intent: { name: recognition.intent, confidence: Math.round(recognition.confidence * 100) / 100 },
    presale: presale && { itemId: itemId ?? knowledge.catalogue.mentionedIn(text)[0]?.itemId, unanswered: presale.handOff },
    entities: recognition.entities,
    order: trade && { tid: trade.tid, status: trade.status, platform: trade.platform, payment: trade.payment, titles: trade.orders.map((o) => o.title) },
    decision,
    deadlines: deadlines.map((d) => ({ ...d, label: templates.label('deadline', d.id) })),
    escalation,
    suggestions: suggestions.slice(0, 3),
  };
}

async function decide(deps: CopilotDeps, recognition: Recognition, trade: Trade, text: string, now: Date): Promise<CopilotDecision | undefined> {
  const { knowledge } = deps;
  const line = trade.orders[0]!;
  switch (recognition.intent) {
    case 'exchange_request': {
      const item = await deps.itemSkus(line.itemId);
      const target = skuByWords(item, line, recognition.entities) ?? item.skus.find((s) => s.skuId !== line.skuId);
      if (!target) return undefined;
      const decision = exchangeEligibility(knowledge, toExchangeInput(trade, line, item, target), now);
      // The failed conditions also in the shop's words, for the console.
      const failedConditions = decision.failures.map((f) => deps.templates.label('exchangeFailure', f.condition));
      return { kind: 'exchange', target: skuName(target.properties), decision, failedConditions };
    }
    case 'refund_request':
    case 'return_request': {
      const reasons = refundReasonsFor(knowledge, trade.status);
      // The reason the buyer names first, if any, then the others for the agent to pick from.
      const named = reasons.filter((r) => text.includes(r.label.slice(0, 2)));
      const ordered = [...named, ...reasons.filter((r) => !named.includes(r))];
      return { kind: 'refund', routes: ordered.map((r) => routeRefund(knowledge, toRefundInput(trade, line, r.id), now)) };
    }
    case 'urge_shipping': {
      const input = toShipmentInput(trade);
      if (!input || trade.status !== 'WAIT_SELLER_SEND_GOODS') return undefined;
      return { kind: 'shipment', status: shipmentStatus(knowledge, input, now) };
    }
    default:
      return undefined;
  }
}

/** The decision in the shop's words: one reply, or for refunds the two likeliest reasons. */
function explainDecision(templates: Templates, knowledge: KnowledgeBase, decision: CopilotDecision): Suggestion[] {
  switch (decision.kind) {
    case 'exchange': {
      const { decision: d } = decision;
      // Nothing fails yet but the buyer still has to say whether tags and packaging are intact.
      if (!d.allowed && d.failures.length === 0 && d.pending.includes('intact')) return [{ text: templates.render('exchange.askIntact'), ruleIds: ['R12'] }];
      return [{ text: explainExchange(templates, d, decision.target), ruleIds: d.ruleIds }];
    }
    case 'refund': {
      const available = decision.routes.filter((r) => r.available);
      return (available.length ? available : decision.routes).slice(0, 2).map((route) => ({ text: explainRefund(templates, route), ruleIds: route.ruleIds }));
    }
    case 'shipment':
      return [{ text: explainShipment(templates, decision.status, knowledge.profile), ruleIds: decision.status.ruleIds }];
  }
}
