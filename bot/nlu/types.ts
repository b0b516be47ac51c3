/** What the recognizer makes of one buyer message. Free of any bot SDK types. */
export const INTENTS = [
  'ask_payment_help',
  'urge_shipping',
  'logistics_query',
  'not_received',
  'refund_request',
  'return_request',
  'exchange_request',
  'quality_issue',
  'authenticity',
  'wrong_or_missing_item',
  'invoice',
  'complaint_or_escalate',
  'human_agent',
  'review_feedback',
  'modify_order',
  'product_question',
  'size_advice',
  'price_promotion',
  'shipping_question',
  'refund_progress',
  'ask_supervisor',
  'order_number',
  'greeting',
  'thanks',
  'cancel',
  'none',
] as const;
export type Intent = (typeof INTENTS)[number];

/** The pre-sales intents: answered from the shop's data (the bot's PresaleDialog, the agents' copilot). */
export const PRESALE_INTENTS: readonly Intent[] = ['product_question', 'size_advice', 'price_promotion', 'shipping_question'];

export interface Entities {
  /** Pasted order ids: 18–19 digits (spaces and full-width digits allowed). */
  orderIds: string[];
  /** Item (product) ids: a pasted 12-digit number, or the id in an item link. */
  itemIds: string[];
  /** Mainland mobile numbers: 11 digits starting with 1 (never an order id). */
  phones: string[];
  /** Pasted links, as typed; short links (m.tb.cn/h.…) carry no item id. */
  links: string[];
  amountYuan?: number;
  size?: string;
  colour?: string;
  quantity?: number;
  /** The measure word of the quantity (件, 袋, 盒). */
  quantityUnit?: string;
  /** A size relative to the ordered one ("小一码", "大一号"). */
  sizeStep?: 'smaller' | 'larger';
  /** The size and/or colour named after 换/改 ("XL换成L" → L, where `size` is the first named, XL). */
  changeTo?: { size?: string; colour?: string };
  /** A moment the buyer referred to ("昨天", "3天前"), resolved against the message time. */
  date?: { text: string; at: Date };
  /** The buyer takes something back ("不退了", "算了"). */
  negation: boolean;
  /** The buyer wants no more reminders ("别再提醒了"). */
  stopReminders: boolean;
}

export interface Recognition {
  text: string;
  intent: Intent;
  confidence: number;
  /** The best few intents, most likely first, for "which did you mean?" questions. */
  ranking: { intent: Intent; score: number }[];
  entities: Entities;
}

export interface Recognizer {
  recognize(text: string, now?: Date): Recognition;
}
