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
import { hasMeasurements, looksLikeQuestion, mentionsGift, shippingTopics } from './clauses.js';

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
 * The answer to one question, as the sentences to send; `itemId` is the item in view (a pasted
 * item number). Undefined when the question is not one to answer on the spot.
 */
export function quickAnswer(deps: QuickAnswerDeps, question: QuickQuestion, itemId?: string): string[] | undefined {
  if (!answerableOnTheSpot(question)) return undefined;
  const { templates, knowledge } = deps;
  const { shipping, unpaidOffers, invoice } = knowledge.profile;
  const { text } = question;
  switch (question.intent) {
    case 'shipping_question':
      return shippingTopics(text).map((topic) => {
        const data = { promiseHours: shipping.promiseHours, defaultCourier: shipping.defaultCourier, extraCouriers: shipping.extraCouriers, normalDays: shipping.normalTransitDays };
        if (topic === 'courier') return templates.render('presale.courier', data);
        if (topic === 'transit') return templates.render('presale.transit', data);
        if (topic === 'postage') return templates.render('presale.postage', data);
        return templates.render('presale.shipping_time', data);
      });
    case 'price_promotion':
      return [templates.render('presale.price', { couponYuan: unpaidOffers.coupon.amountYuan, minSpendYuan: unpaidOffers.coupon.minSpendYuan, gift: mentionsGift(text) })];
    case 'size_advice':
      return [templates.render('presale.size', { measured: hasMeasurements(text) })];
    case 'product_question':
      return [templates.render('presale.product', { itemId: itemId ?? false })];
    case 'authenticity': {
      const services = knowledge.profile.programmes.map((p) => p.name);
      return [templates.render('authenticity.assure', { services, ruleIds: ['R21'] })];
    }
    case 'invoice':
      return [templates.render('invoice.info', { kinds: invoice.kinds, workingDays: invoice.issuedWithinWorkingDays })];
    case 'thanks':
      return [templates.render('common.youAreWelcome')];
    default:
      return [templates.render('common.stillHere')];
  }
}
