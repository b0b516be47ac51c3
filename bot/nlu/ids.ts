/**
 * Pasted numbers and links in buyer text. On Taobao a 12-digit number is usually an item id (the
 * product page the buyer came from), an order id has 18–19 digits, and an 11-digit number that
 * starts with 1 is a mainland mobile number, never an order. Buyers paste numbers with spaces or
 * dashes inside ("4887 8384 8372 6167 513", "138-1234-5678"); those groups are joined first.
 * Expects text already NFKC-normalized (full-width digits → ASCII).
 */

export type NumberKind = 'order' | 'item' | 'phone' | 'other';

export interface PastedLink {
  url: string;
  /** The item id in the link, when it has one (item.taobao.com/item.htm?id=…); short links (m.tb.cn) have none. */
  itemId?: string;
}

/** A URL: with a scheme, or a bare host of a shop platform ("detail.tmall.com/item.htm?id=…"). */
const LINK = /(?:https?:\/\/|\b(?:[a-z0-9-]+\.)+(?:taobao|tmall|tb|jd|1688|alibaba)\.(?:com|cn|hk)\b)[\w.~:/?#@!$&'()*+,;=%-]*/gi;
/** Where an item id sits in a link: ?id=…, /i123.htm (a.m.taobao.com), /item/123.htm (world.taobao.com). */
const LINK_ITEM_ID = [/[?&]id=(\d{6,})/i, /\/i(\d{6,})\.htm/i, /\/item\/(\d{6,})\.htm/i];
/** Runs of digit groups (3+ digits each) separated by single spaces or dashes, 11+ digits in all. */
const SPACED_DIGITS = /(?<!\d)\d{3,}(?:[ \u00a0-]\d{3,})+(?!\d)/g;
/** Long digit runs (6+): anything shorter is a size, an amount, a height, a year… */
export const LONG_NUMBER = /(?<!\d)\d{6,}(?!\d)/g;

export function numberKind(digits: string): NumberKind {
  if (digits.length === 18 || digits.length === 19) return 'order';
  if (digits.length === 12) return 'item';
  if (digits.length === 11 && digits.startsWith('1')) return 'phone';
  return 'other';
}

/** "4887 8384 8372 6167 513" → "4887838483726167513" (only when the groups add up to 11+ digits). */
export function joinSpacedDigits(text: string): string {
  return text.replace(SPACED_DIGITS, (run) => {
    const digits = run.replace(/\D/g, '');
    return digits.length >= 11 ? digits : run;
  });
}

export function linkItemId(url: string): string | undefined {
  for (const pattern of LINK_ITEM_ID) {
    const match = url.match(pattern);
    if (match) return match[1];
  }
  return undefined;
}

/** Replaces each link in `text` (NFKC-normalized) with what `replace` returns for it. */
export function replaceLinks(text: string, replace: (link: PastedLink) => string): string {
  return text.replace(LINK, (url) => replace({ url, itemId: linkItemId(url) }));
}

export function findLinks(text: string): PastedLink[] {
  return [...text.matchAll(LINK)].map(([url]) => ({ url, itemId: linkItemId(url) }));
}
