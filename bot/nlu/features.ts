/**
 * Features of a normalized message (normalize.ts) for the classifiers.
 *
 * - Character n-grams (1–3) over the message with spaces taken out, with ^ and $ marking its ends,
 *   so "在吗" at the end of a message differs from "在吗" inside one. Buyers' typos (咋/怎, 发/法)
 *   and missing spaces break word segmenters; overlapping n-grams degrade gracefully.
 * - Words from jieba (segmenter.ts), prefixed "w:" so they never collide with a character n-gram,
 *   plus word bigrams "b:" which keep short phrases together ("发 什么", "什么 快递").
 */
import { COURIERS, PLACES } from './lexicon.js';
import { syllablesOf } from './pinyin.js';
import { words } from './segmenter.js';

export interface FeatureOptions {
  /** Longest character n-gram (0: none). */
  maxCharN: number;
  /** Add jieba words. */
  words: boolean;
  /** Add word bigrams (with words). */
  wordBigrams: boolean;
  /** Add pinyin syllables and syllable bigrams (pinyin.ts). */
  pinyin?: boolean;
  /** Add a coarse length feature (characters other than ids and links). */
  length?: boolean;
  /** Add concept features: a courier, a place, body measurements, an amount of money (lexicon.ts). */
  concepts?: boolean;
}

const COURIER = new RegExp(COURIERS.join('|'));
const PLACE = new RegExp(PLACES.join('|'));
const BODY = /\d{2,3} ?(?:斤|kg|公斤|cm|厘米)|身高|体重|一米[四五六七八九]|[腰胸臀]围|脚长|码数/;
const MONEY = /\d ?(?:元|块|rmb)|多少钱/;

export function conceptFeatures(normalized: string): string[] {
  const features: string[] = [];
  if (COURIER.test(normalized)) features.push('c:courier');
  if (PLACE.test(normalized)) features.push('c:place');
  if (BODY.test(normalized)) features.push('c:body');
  if (MONEY.test(normalized)) features.push('c:money');
  return features;
}

export function charNgrams(normalized: string, maxN = 3): string[] {
  if (!normalized) return [];
  const chars = [...`^${normalized.replace(/ /g, '')}$`];
  const grams: string[] = [];
  for (let n = 1; n <= maxN; n++) for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''));
  return grams.filter((g) => g !== '^' && g !== '$');
}

export function wordFeatures(normalized: string, bigrams: boolean): string[] {
  const ws = words(normalized);
  if (!ws.length) return [];
  const features = ws.map((w) => `w:${w}`);
  if (bigrams) {
    const padded = ['^', ...ws, '$'];
    for (let i = 0; i + 1 < padded.length; i++) features.push(`b:${padded[i]} ${padded[i + 1]}`);
  }
  return features;
}

export function pinyinFeatures(normalized: string): string[] {
  const syllables = syllablesOf(normalized);
  if (!syllables.length) return [];
  const features = syllables.map((s) => `p:${s}`);
  const padded = ['^', ...syllables, '$'];
  for (let i = 0; i + 1 < padded.length; i++) features.push(`q:${padded[i]} ${padded[i + 1]}`);
  return features;
}

/** "len:0", "len:1", "len:2", "len:3-4", "len:5-8", "len:9-16", "len:17+": the message's size without ids, links and spaces. */
export function lengthFeature(normalized: string): string {
  const n = normalized.replace(/[ A-Z]/g, '').length;
  const bucket = n <= 2 ? String(n) : n <= 4 ? '3-4' : n <= 8 ? '5-8' : n <= 16 ? '9-16' : '17+';
  return `len:${bucket}`;
}

/** The distinct features of a normalized message. */
export function extractFeatures(normalized: string, options: FeatureOptions): string[] {
  const features = options.maxCharN > 0 ? charNgrams(normalized, options.maxCharN) : [];
  if (options.words) features.push(...wordFeatures(normalized, options.wordBigrams));
  if (options.pinyin) features.push(...pinyinFeatures(normalized));
  if (options.length) features.push(lengthFeature(normalized));
  if (options.concepts) features.push(...conceptFeatures(normalized));
  return [...new Set(features)];
}
