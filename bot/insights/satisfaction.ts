/**
 * 满意度 on three points: 3 满意, 2 一般, 1 不满意 — a button, or the buyer's own words. Pure.
 */
import { simplify } from '../nlu/normalize.js';

export type Rating = 1 | 2 | 3;
export const RATINGS: readonly Rating[] = [3, 2, 1];

/** The buttons, best first (their labels are the words that rate). */
export const RATING_LABELS: Record<Rating, string> = { 3: '满意', 2: '一般', 1: '不满意' };

/** Checked in this order: "不满意" contains "满意", "不太好" contains "好". */
const WORDS: [Rating, RegExp][] = [
  [1, /不满意|不太满意|不好|很差|太差|差评|失望|垃圾|没用|没解决|不行/],
  [2, /一般|还行|还可以|凑合|马马虎虎|普通|中评|还好/],
  [3, /满意|很好|非常好|挺好|不错|好评|赞|棒|👍/u],
];

/** The rating a reply gives, or undefined when it is not a rating (the buyer asked something else). */
export function ratingOf(text: string): Rating | undefined {
  // "不好意思" is politeness, not a verdict.
  const t = simplify(text).replace(/不好意思/g, '').trim();
  // A long message is a new question that happens to contain a rating word ("不好意思，想问下…").
  if (t.length === 0 || [...t].length > 12) return undefined;
  return WORDS.find(([, words]) => words.test(t))?.[0];
}
