/**
 * Questions answered on the spot, from the shop profile and the rules, without starting a flow:
 * pre-sales (courier, when it ships, days on the way, postage, price and coupons, size, the item
 * itself), invoice facts, authenticity, thanks and hello. MainDialog uses them to answer a
 * question asked in the middle of another flow (then asks its pending question again), and to
 * answer several questions in one message; PresaleDialog uses them for pre-sales questions.
 * No bot SDK types: words in, sentences (rendered templates) out.
 */
import { PRESALE_INTENTS, type Intent, type Recognition } from '../bot/nlu/types.js';
import { toPricedItem } from '../bot/orders/catalogue.js';
import type { OrderService } from '../bot/orders/orderService.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { Templates } from '../templates/templates.js';
import { looksLikeQuestion, splitClauses } from './clauses.js';
import { asksRecommendation, returnTermsAnswer, type ItemInQuestion } from './itemAnswers.js';
import type { ConversationData } from './turnContext.js';
import { measurementsIn, productAnswer, promotionAnswer, shippingAnswer, sizeAnswer, type PresaleAnswer } from './presaleAnswers.js';

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

/** A return asked about as a question, before buying ("能七天无理由吗"): the item's return terms. */
const RETURN_TERMS_INTENTS: readonly Intent[] = ['return_request', 'refund_request', 'exchange_request'];

/**
 * After-sales topics a buyer also asks about an item before buying it: "多久发货" (urge shipping),
 * "到大连几天" (logistics), "开胶了管不管" / "碎茶叶会漏吗" (quality), "送东西不" (missing item), returns.
 */
const ASKED_BEFORE_THE_SALE: readonly Intent[] = [...RETURN_TERMS_INTENTS, 'quality_issue', 'wrong_or_missing_item', 'urge_shipping', 'logistics_query', 'not_received'];

/**
 * A question on an after-sales topic with no order named: about an item the buyer has not bought
 * (MainDialog checks that), it is asked before the sale and answered from the item's data.
 */
export function mayBeAskedBeforeTheSale(recognition: Recognition): boolean {
  return ASKED_BEFORE_THE_SALE.includes(recognition.intent) && looksLikeQuestion(recognition.text) && recognition.entities.orderIds.length === 0;
}

/** "能七天无理由吗", "拆了还能退吗": about returns (before the sale, the item's return terms). */
export function asksAboutReturns(recognition: Recognition): boolean {
  return RETURN_TERMS_INTENTS.includes(recognition.intent);
}

/** The message read as a pre-sales question: a return question keeps its intent (the item's return terms), others take the pre-sales intent ranked highest. */
export function presaleReading(recognition: Recognition): QuickQuestion {
  const intent = asksAboutReturns(recognition) ? recognition.intent : presaleIntentOf(recognition);
  return { intent, text: recognition.text };
}

/** The pre-sales intent the recognizer ranks highest, else product_question. */
function presaleIntentOf(recognition: Recognition): Intent {
  return recognition.ranking.find((r) => PRESALE_INTENTS.includes(r.intent))?.intent ?? 'product_question';
}

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
 * A message the recognizer is unsure of, while an item is in view, read as a question about that
 * item when it looks like one (a question, a quantity, a size or colour): the pre-sales intent it
 * ranks highest, else product_question. The answer then comes from the item's data or a person.
 */
export function itemFragment(recognition: Recognition, itemInView: string | undefined): QuickQuestion | undefined {
  if (itemInView === undefined || recognition.entities.orderIds.length > 0) return undefined;
  const { quantity, size, colour } = recognition.entities;
  if (!looksLikeQuestion(recognition.text) && quantity === undefined && size === undefined && colour === undefined) return undefined;
  return { intent: presaleIntentOf(recognition), text: recognition.text };
}

/** "刚生了宝宝 送点啥好": a message the recognizer is unsure of that asks for a recommendation is a pre-sales question. */
export function recommendationAsked(recognition: Recognition): QuickQuestion | undefined {
  return asksRecommendation(recognition.text) ? { intent: 'product_question', text: recognition.text } : undefined;
}

/** The conversation's items: the one in view and the one before it. */
export type ItemsInView = Pick<ConversationData, 'itemInView' | 'previousItem'>;

/**
 * The item a question is about (named in it, else the one in view) and the other one in view (for
 * comparisons), with its SKUs (prices, stock) when the order system answers.
 */
export async function itemInQuestion(deps: QuickAnswerDeps & { orders: Pick<OrderService, 'getItem'> }, question: QuickQuestion, view: ItemsInView): Promise<ItemInQuestion | undefined> {
  const itemId = deps.knowledge.catalogue.itemMeant(question.text, view.itemInView);
  if (itemId === undefined) return undefined;
  const other = itemId !== view.itemInView ? view.itemInView : view.previousItem;
  const about = { itemId, ...(other !== undefined && other !== itemId ? { other } : {}) };
  const item = await deps.orders.getItem(itemId).catch(() => undefined);
  return { ...about, skus: item && toPricedItem(item), customised: item?.customised };
}

/**
 * The answer to one question, as the sentences to send, and whether the data left it (or part of
 * it) unanswered, so a pre-sales agent should be offered. `item` is what `itemInQuestion` found.
 * Undefined when the question is not one to answer on the spot.
 */
export function answerQuestion(deps: QuickAnswerDeps, question: QuickQuestion, item?: ItemInQuestion, now: Date = new Date()): PresaleAnswer | undefined {
  if (RETURN_TERMS_INTENTS.includes(question.intent)) return item && returnTermsAnswer(deps, item, now);
  if (!answerableOnTheSpot(question)) return undefined;
  const { templates, knowledge } = deps;
  const { invoice } = knowledge.profile;
  const { text } = question;
  const said = (...sentences: string[]): PresaleAnswer => ({ sentences, handOff: false });
  switch (question.intent) {
    case 'shipping_question':
      return shippingAnswer(deps, text, now, item);
    case 'price_promotion':
      return promotionAnswer(deps, text, now, item);
    case 'size_advice': {
      // Without measurements it may be about the item itself ("领口会变形吗", "750的拿3个"): its data first.
      const aboutItem = item && !measurementsIn(text) ? productAnswer(deps, text, now, item) : undefined;
      return aboutItem && !aboutItem.handOff ? aboutItem : sizeAnswer(deps, text, item?.itemId, now);
    }
    case 'product_question':
      return productAnswers(deps, text, now, item);
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

/**
 * "一只多重 鞋垫能拿出来吗": each question about the item answered from its own data (the whole
 * message when it holds one); a part the data does not hold is handed on, the rest still answered.
 */
function productAnswers(deps: QuickAnswerDeps, text: string, now: Date, item?: ItemInQuestion): PresaleAnswer {
  // A part that only points ("这款", "那个呢") asks nothing of its own.
  const parts = splitClauses(text).filter((part) => [...part.replace(/这款|这个|那个|那款|这件|它|[呢吧啊哦呀嘛的]/g, '')].length >= 2);
  // A recommendation weighs the whole need ("送长辈 喝茶用 推荐哪个"), not each part alone.
  if (parts.length < 2 || asksRecommendation(text)) return productAnswer(deps, text, now, item);
  const answers = parts.map((part) => productAnswer(deps, part, now, item));
  return { sentences: [...new Set(answers.flatMap((a) => a.sentences))], handOff: answers.some((a) => a.handOff) };
}

/** Every question of a message answered in order, repeated sentences sent once; `handOff` if any part went unanswered. */
export async function answerAll(deps: QuickAnswerDeps & { orders: Pick<OrderService, 'getItem'> }, questions: QuickQuestion[], view: ItemsInView, now: Date): Promise<PresaleAnswer> {
  const sentences = new Set<string>();
  let handOff = false;
  for (const question of questions) {
    const answer = answerQuestion(deps, question, await itemInQuestion(deps, question, view), now);
    if (answer?.handOff) handOff = true;
    for (const sentence of answer?.sentences ?? []) sentences.add(sentence);
  }
  return { sentences: [...sentences], handOff };
}
