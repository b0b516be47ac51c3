/**
 * Buyer text → a canonical form for the classifier: full-width → half-width (NFKC),
 * traditional → simplified (OpenCC, Taiwan variant → mainland), lower case, pasted links and long
 * numbers → one placeholder letter each by kind (see ids.ts), and everything that is neither a
 * CJK character, a letter nor a digit (punctuation, emoji) → one space between chunks.
 */
import * as OpenCC from 'opencc-js';
import { joinSpacedDigits, LONG_NUMBER, numberKind, replaceLinks, type NumberKind } from './ids.js';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

export function simplify(text: string): string {
  return toSimplified(text.normalize('NFKC'));
}

/**
 * Placeholders are upper-case letters: normalized text is otherwise lower case, so they cannot
 * be confused with what the buyer typed. An order id, an item id, a phone number, another long
 * number; a link with an item id in it, another link.
 */
export const PLACEHOLDER: Record<NumberKind | 'itemLink' | 'link', string> = { order: 'O', item: 'I', phone: 'P', other: 'N', itemLink: 'L', link: 'U' };

/** Markup pasted or typed into the chat (`<img src=x …>`) says nothing a buyer means; it is never rendered either. */
const MARKUP = /<\/?[a-z][^<>]{0,200}>/gi;

export function normalize(text: string): string {
  const lower = simplify(text).replace(MARKUP, ' ').toLowerCase();
  const linked = replaceLinks(lower, (link) => ` ${link.itemId ? PLACEHOLDER.itemLink : PLACEHOLDER.link} `);
  return joinSpacedDigits(linked)
    .replace(LONG_NUMBER, (digits) => ` ${PLACEHOLDER[numberKind(digits)]} `)
    .replace(/[^\p{Script=Han}a-zA-Z0-9]+/gu, ' ')
    .trim();
}

/**
 * What makes two messages "the same message" for the train/test overlap check: the text as typed
 * up to width, script (traditional/simplified), case, spaces, punctuation and emoji. Digits are
 * kept, so two different pasted order numbers are two different messages.
 */
export function sameMessageKey(text: string): string {
  return simplify(text)
    .toLowerCase()
    .replace(/[^\p{Script=Han}a-z0-9]+/gu, '');
}
