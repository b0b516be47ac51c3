/**
 * Buyer text → a canonical form for the classifier: traditional → simplified (OpenCC),
 * full-width → half-width (NFKC), lower case, long digit runs (order ids, phone numbers) → "#",
 * everything that is neither a CJK character, a letter nor a digit (punctuation, emoji,
 * spaces) dropped.
 */
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

export function simplify(text: string): string {
  return toSimplified(text.normalize('NFKC'));
}

export function normalize(text: string): string {
  return simplify(text)
    .toLowerCase()
    .replace(/\d{6,}/g, '#')
    .replace(/[^\p{Script=Han}a-z0-9#]+/gu, '');
}
