/**
 * Chinese word segmentation with jieba (`@node-rs/jieba`: jieba-rs, prebuilt binaries from the
 * npm registry) and its default dictionary of ~350k words. Building the segmenter from the
 * dictionary takes ~0.3 s, so one is shared by the process and built on first use; a cut is a
 * few µs. The shop's vocabulary (lexicon.ts) is added to the dictionary.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { COURIERS, PLACES, SHOP_WORDS } from './lexicon.js';

let jieba: Jieba | undefined;

/** Words of a normalized message, spaces dropped (jieba with its HMM for words not in the dictionary). */
export function words(normalized: string): string[] {
  if (!normalized) return [];
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from([...COURIERS, ...PLACES, ...SHOP_WORDS].map((w) => `${w} 100000 n`).join('\n')));
  }
  return jieba.cut(normalized, true).filter((w) => w.trim() !== '');
}
