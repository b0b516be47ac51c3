/**
 * Character n-grams (1–3) over normalized text. Chinese has no spaces and buyers' typos break
 * word segmenters; overlapping character n-grams stay robust to both (see docs/nlu.md for the
 * comparison with nlp.js's Chinese tokenizer). ^ and $ mark the ends so "在吗" at the end of a
 * message differs from "在吗" inside one.
 */
export function charNgrams(normalized: string): string[] {
  const chars = [...`^${normalized}$`];
  const grams: string[] = [];
  for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''));
  return grams.filter((g) => g !== '^' && g !== '$');
}
