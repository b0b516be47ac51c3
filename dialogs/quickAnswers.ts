/**
 * Questions answered on the spot, from the shop profile and the rules, without starting a flow:
 * pre-sales (courier, when it ships, days on the way, postage, price and coupons, size, the item
 * itself), invoice facts, authenticity, thanks and hello. MainDialog uses them to answer a
 * question asked in the middle of another flow (then asks its pending question again), and to
 * answer several questions in one message; PresaleDialog uses them for pre-sales questions.
 * No bot SDK types: words in, sentences (rendered templates) out.
 */
import type { Intent } from '../bot/nlu/types.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { Templates } from '../templates/templates.js';
import { looksLikeQuestion } from './clauses.js';
import { itemOf, productAnswer, promotionAnswer, shippingAnswer, sizeAnswer, type PresaleAnswer } from './presaleAnswers.js';

/** One question in the buyer's message: its text and the intent recognized in it. */
export interface QuickQuestion {
  intent: Intent;
  text: string;
}

export interface QuickAnswerDeps {
  templates: Templates;
  knowledge: KnowledgeBase;
}

/** Intents that can be answered on the spot (invoice only when asked about, not requested). */
export const ANSWERED_ON_THE_SPOT: readonly Intent[] = [
  'product_question',
  'size_advice',
  'price_promotion',
  'shipping_question',
  'authenticity',
  'invoice',
  'thanks',
  'greeting',
];

/** Pre-sales intents: what PresaleDialog serves. */
export const PRESALE_INTENTS: readonly Intent[] = ['product_question', 'size_advice', 'price_promotion', 'shipping_question'];

export function answerableOnTheSpot(question: QuickQuestion): boolean {
  if (!ANSWERED_ON_THE_SPOT.includes(question.intent)) return false;
  // "能开发票吗" is a question about invoices; "我要开发票" asks for one (the invoice flow).
  if (question.intent === 'invoice') return looksLikeQuestion(question.text);
  // "在吗" is a hello; "都在" (the tags are all there) is not, whatever the recognizer thinks.
  if (question.intent === 'greeting') return HELLO.test(question.text);
  return true;
}

const HELLO = /在吗|在不在|在么|有人吗|有人在|你好|您好|hello|hi\b|哈喽|嗨|亲在/i;

/**
 * The answer to one question, as the sentences to send, and whether the data left it (or part of
 * it) unanswered, so a pre-sales agent should be offered. `itemInView` is the conversation's item
 * (a pasted item number); an item the message itself names comes first. Undefined when the
 * question is not one to answer on the spot.
 */
export function answerQuestion(deps: QuickAnswerDeps, question: QuickQuestion, itemInView?: string, now: Date = new Date()): PresaleAnswer | undefined {
  if (!answerableOnTheSpot(question)) return undefined;
  const { templates, knowledge } = deps;
  const { invoice } = knowledge.profile;
  const { text } = question;
  const said = (...sentences: string[]): PresaleAnswer => ({ sentences, handOff: false });
  switch (question.intent) {
    case 'shipping_question':
      return shippingAnswer(deps, text, now);
    case 'price_promotion':
      return promotionAnswer(deps, text, now, itemOf(knowledge, text, itemInView));
    case 'size_advice':
      return sizeAnswer(deps, text, itemOf(knowledge, text, itemInView));
    case 'product_question':
      return productAnswer(deps, text, itemOf(knowledge, text, itemInView));
    case 'authenticity': {
      const services = knowledge.profile.programmes.map((p) => p.name);
      return said(templates.render('authenticity.assure', { services, ruleIds: ['R21'] }));
    }
    case 'invoice':
      return said(templates.render('invoice.info', { kinds: invoice.kinds, workingDays: invoice.issuedWithinWorkingDays }));
    case 'thanks':
      return said(templates.render('common.youAreWelcome'));
    default:
      return said(templates.render('common.stillHere'));
  }
}

/** The sentences of `answerQuestion`. */
export function quickAnswer(deps: QuickAnswerDeps, question: QuickQuestion, itemInView?: string, now: Date = new Date()): string[] | undefined {
  return answerQuestion(deps, question, itemInView, now)?.sentences;
}
