/**
 * The item the buyer is looking at: the shop page passes its id (channelData.itemId, from the web
 * chat page or widget); a pasted item id or link, or a title mention, selects another. The
 * conversation keeps the id (and the one before it, for "和刚才那个有啥区别"), never the item.
 * When an item comes into view the bot shows its product card.
 */
import { CardFactory, type Activity, type Attachment } from 'botbuilder';
import type { Recognition } from '../bot/nlu/types.js';
import type { Item } from '../bot/orders/contract.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { parseYuan } from '../knowledge/policy/money.js';
import type { Templates } from '../templates/templates.js';
import { simplify } from '../bot/nlu/normalize.js';
import { itemWordsCut } from './itemAnswers.js';
import type { ConversationData } from './turnContext.js';

/** Ids as Taobao and the demo shop write them; anything else a page sends is ignored. */
const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The item id the shop page passed with this message, if it is one. */
export function pageItemOf(activity: Partial<Activity>): string | undefined {
  const channelData: unknown = activity.channelData;
  if (typeof channelData !== 'object' || channelData === null) return undefined;
  const itemId = (channelData as { itemId?: unknown }).itemId;
  return typeof itemId === 'string' && ITEM_ID.test(itemId) ? itemId : undefined;
}

/**
 * Notes the items this message brings into view and returns the one now in view if it changed.
 * The page's item counts only when the page changes it (the page sends it with every message,
 * and an item the buyer named since must not be taken back); an item the message names wins.
 */
export function viewItems(data: ConversationData, knowledge: KnowledgeBase, pageItem: string | undefined, recognition: Recognition | undefined): string | undefined {
  let seen: string | undefined;
  if (pageItem !== undefined && pageItem !== data.pageItem) {
    data.pageItem = pageItem;
    seen = pageItem;
  }
  if (recognition) seen = recognition.entities.itemIds[0] ?? knowledge.catalogue.itemMeant(recognition.text, seen ?? data.itemInView);
  if (seen === undefined || seen === data.itemInView) return undefined;
  data.previousItem = data.itemInView;
  data.itemInView = seen;
  return seen;
}

/** The message is the item's name or keyword and nothing else ("T恤", "保温杯呢"). */
export function namesOnlyTheItem(knowledge: KnowledgeBase, text: string, itemId: string): boolean {
  const rest = itemWordsCut(knowledge, text, itemId);
  return rest !== simplify(text) && rest.replace(/[\s\p{P}呢吧啊哦嘛的这个那款件]/gu, '') === '';
}

/** A product card: title, price range and whether it can be bought now. */
export function productCard(templates: Templates, item: Item): Attachment {
  const onSale = item.skus.filter((s) => s.onSale);
  const prices = onSale.map((s) => parseYuan(s.price)).sort((a, b) => a - b);
  const subtitle = templates.render('presale.card', {
    min: prices[0] ?? false,
    max: prices.length > 1 && prices.at(-1) !== prices[0] ? prices.at(-1) : false,
    inStock: onSale.some((s) => s.stock > 0),
    offSale: onSale.length === 0,
    itemId: item.itemId,
  });
  return CardFactory.heroCard(item.title, subtitle);
}
