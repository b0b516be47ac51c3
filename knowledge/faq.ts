/**
 * The shop's FAQ (knowledge/faq/*.yaml) and its retrieval: character n-gram TF-IDF vectors of the
 * question and every paraphrase (document frequencies over them and thousands of buyer messages),
 * cosine similarity to each entry, and a threshold. Above it the best entry's answer and source;
 * below it nothing, and the dialog hands the question to a person. Pure: no I/O, no SDK types.
 * FAQ_FEATURES and FAQ_THRESHOLD were chosen by leave-one-out over the FAQ's own paraphrases
 * (`tuneThreshold`, docs/presale.md).
 */
import { simplify } from '../bot/nlu/normalize.js';
import type { FaqEntry } from './schema.js';
import type { Source } from './source.js';

/** An entry with the file it was read from. */
export interface LoadedFaqEntry extends FaqEntry {
  file: string;
  /** Its position in the file. */
  index: number;
}

export interface FaqContext {
  /** The item in view, and its category, if any: scoped entries answer only for their items. */
  itemId?: string;
  category?: string;
}

export interface FaqHit {
  entry: LoadedFaqEntry;
  /** Cosine similarity to the closest of the entry's question and paraphrases, 0–1. */
  score: number;
  /** That closest text. */
  matched: string;
  /** The entry answers for the context (unscoped, or scoped to the item or category in view). */
  inScope: boolean;
  /** Where the answer is: the FAQ file and entry; `basis` is the entry's own source line. */
  source: Source & { basis: string };
}

/**
 * The similarity from which an answer is given. Chosen by leave-one-out on the shipped FAQ: each
 * paraphrase asked with itself removed from the index, plus questions the FAQ must not answer;
 * 0.18 is the best trade (a wrong answer costing three handoffs) in a flat optimum from 0.16 to
 * 0.19. See docs/presale.md for the curve; rerun it after large FAQ edits.
 */
export const FAQ_THRESHOLD = 0.18;

/** How texts become vectors; the defaults are what the leave-one-out chose (docs/presale.md). */
export interface FaqFeatures {
  /** Character n-gram lengths. */
  grams: number[];
  /** Characters dropped before n-gramming: particles that say nothing about the topic (亲, 吗, 呢…). */
  stopChars: string;
  /**
   * An entry's score: its closest text (`max`), all its texts as one (`centroid`), or the mean of
   * the two (`mix`).
   */
  scoring: 'max' | 'centroid' | 'mix';
}

/** Sentence particles, for trying `stopChars` (the leave-one-out did better keeping them). */
export const PARTICLES = '亲吗呢啊吧呀哦嘛么了的哈啦';

export const FAQ_FEATURES: FaqFeatures = { grams: [1, 2], stopChars: '', scoring: 'centroid' };

/** Colloquial and question forms → one form: "起不起球" → 起球, "能不能" → 能, 啥 → 什么. */
const SAME_MEANING: [RegExp, string][] = [
  [/(\p{Script=Han})不\1/gu, '$1'], // A不A: 厚不厚, 能不能, 起不起(球)
  [/(\p{Script=Han})没\1/gu, '$1'], // 有没有
  [/啥/g, '什么'],
  [/咋/g, '怎么'],
  [/木有|没得/g, '没有'],
  [/可以|能否|能够/g, '能'],
  [/亲们?/g, ''],
];

/** Buyer text → comparable characters: simplified, lower case, letters/digits/CJK only, colloquial forms unified. */
export function faqText(text: string, stopChars = ''): string {
  let kept = simplify(text)
    .toLowerCase()
    .replace(/[^\p{Script=Han}a-z0-9]+/gu, '');
  for (const [pattern, replacement] of SAME_MEANING) kept = kept.replace(pattern, replacement);
  return stopChars ? [...kept].filter((c) => !stopChars.includes(c)).join('') : kept;
}

/** The character n-gram counts of a text (also what bot/insights clusters unanswered questions by). */
export function grams(text: string, features: FaqFeatures): Map<string, number> {
  const chars = [...faqText(text, features.stopChars)];
  const counts = new Map<string, number>();
  for (const n of features.grams)
    for (let i = 0; i + n <= chars.length; i++) {
      const gram = chars.slice(i, i + n).join('');
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  return counts;
}

type Vector = Map<string, number>;

function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [k, v] of small) sum += v * (large.get(k) ?? 0);
  return sum;
}

interface Doc {
  entry: number;
  text: string;
  vector: Vector;
}

/** Document frequencies of a background corpus of buyer messages (shared by every index built on it). */
export class Background {
  readonly df = new Map<string, number>();
  readonly size: number;
  constructor(texts: string[], features: FaqFeatures = FAQ_FEATURES) {
    for (const text of texts) for (const gram of grams(text, features).keys()) this.df.set(gram, (this.df.get(gram) ?? 0) + 1);
    this.size = texts.length;
  }
  static readonly NONE = new Background([]);
}

/**
 * A TF-IDF index over texts, each belonging to an entry number. Document frequencies count the
 * FAQ texts and the background corpus, so that what buyers say about everything (什么时候, 能不能)
 * weighs little and topic words weigh much. A query's n-grams that no text has still count in its
 * norm: a question mostly about something else scores low.
 */
class Index {
  private readonly idf = new Map<string, number>();
  private readonly unseenIdf: number;
  private readonly docs: Doc[];

  constructor(
    texts: { entry: number; text: string }[],
    private readonly features: FaqFeatures,
    background: Background = Background.NONE,
  ) {
    const counted = texts.map((t) => ({ ...t, counts: grams(t.text, features) }));
    const df = new Map(background.df);
    for (const { counts } of counted) for (const gram of counts.keys()) df.set(gram, (df.get(gram) ?? 0) + 1);
    const n = counted.length + background.size;
    for (const [gram, d] of df) this.idf.set(gram, Math.log((n + 1) / (d + 1)) + 1);
    this.unseenIdf = Math.log(n + 1) + 1;
    this.docs = counted.map(({ entry, text, counts }) => ({ entry, text, vector: this.weigh(counts) }));
    const merged = new Map<number, Map<string, number>>();
    for (const { entry, counts } of counted) {
      const into = merged.get(entry) ?? new Map<string, number>();
      for (const [gram, c] of counts) into.set(gram, (into.get(gram) ?? 0) + c);
      merged.set(entry, into);
    }
    this.centroids = new Map([...merged].map(([entry, counts]) => [entry, this.weigh(counts)]));
  }

  private readonly centroids: Map<number, Vector>;

  private weigh(counts: Map<string, number>): Vector {
    const vector: Vector = new Map();
    let norm = 0;
    for (const [gram, count] of counts) {
      const idf = this.idf.get(gram) ?? this.unseenIdf;
      const w = (1 + Math.log(count)) * idf;
      vector.set(gram, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    for (const [gram, w] of vector) vector.set(gram, w / norm);
    return vector;
  }

  /** The best score per entry, highest first. */
  query(text: string): { entry: number; score: number; matched: string }[] {
    const q = this.weigh(grams(text, this.features));
    if (q.size === 0) return [];
    const best = new Map<number, { score: number; matched: string }>();
    for (const doc of this.docs) {
      const score = dot(q, doc.vector);
      if (score > (best.get(doc.entry)?.score ?? -1)) best.set(doc.entry, { score, matched: doc.text });
    }
    const scoring = this.features.scoring;
    return [...best.entries()]
      .map(([entry, b]) => {
        const centroid = scoring === 'max' ? 0 : dot(q, this.centroids.get(entry)!);
        const score = scoring === 'max' ? b.score : scoring === 'centroid' ? centroid : (b.score + centroid) / 2;
        return { entry, score, matched: b.matched };
      })
      .sort((a, b) => b.score - a.score || a.entry - b.entry);
  }
}

const textsOf = (entry: FaqEntry) => [entry.question, ...entry.paraphrases];

export class Faq {
  private readonly index: Index;

  /**
   * `background`: buyer messages on every topic (the loader passes the intent examples of
   * knowledge/intents), for document frequencies only; never answers.
   */
  constructor(
    readonly entries: LoadedFaqEntry[],
    readonly background: Background = Background.NONE,
    readonly threshold: number = FAQ_THRESHOLD,
    private readonly features: FaqFeatures = FAQ_FEATURES,
  ) {
    this.index = new Index(
      entries.flatMap((entry, i) => textsOf(entry).map((text) => ({ entry: i, text }))),
      features,
      background,
    );
  }

  /** This FAQ with entries a supervisor added at runtime (bot/insights/faqOverlay.ts); an added id replaces a shipped one. */
  with(added: LoadedFaqEntry[]): Faq {
    const ids = new Set(added.map((e) => e.id));
    return new Faq([...this.entries.filter((e) => !ids.has(e.id)), ...added], this.background, this.threshold, this.features);
  }

  byId(id: string): LoadedFaqEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /** Every entry scored against the text, best first, whether or not in scope or above the threshold. */
  search(text: string, context: FaqContext = {}, limit = 3): FaqHit[] {
    return this.index
      .query(text)
      .slice(0, limit)
      .map(({ entry: i, score, matched }) => {
        const entry = this.entries[i]!;
        return { entry, score, matched, inScope: inScope(entry, context), source: { file: entry.file, field: `${entry.id}.answer`, basis: entry.source } };
      });
  }

  /**
   * The answer to a question, or undefined (→ hand off): the best-scoring entry that is in scope
   * for the context, when its score reaches the threshold.
   */
  answer(text: string, context: FaqContext = {}): FaqHit | undefined {
    const best = this.search(text, context, this.entries.length).find((hit) => hit.inScope);
    return best && best.score >= this.threshold ? best : undefined;
  }
}

export function inScope(entry: Pick<FaqEntry, 'items' | 'categories'>, context: FaqContext): boolean {
  if (!entry.items && !entry.categories) return true;
  return (
    (context.itemId !== undefined && (entry.items?.includes(context.itemId) ?? false)) ||
    (context.category !== undefined && (entry.categories?.includes(context.category) ?? false))
  );
}

// ---------------------------------------------------------------------------------------------
// Tuning: leave-one-out over the FAQ's own paraphrases, plus questions it must not answer.

export interface TuningPoint {
  threshold: number;
  /** Paraphrases answered with their own entry. */
  correct: number;
  /** Paraphrases answered with another entry, and negatives answered at all. */
  wrong: number;
  /** Paraphrases below the threshold (handed off: a lost answer, not a wrong one). */
  handedOff: number;
  /** Negatives below the threshold. */
  rejected: number;
  /** correct − WRONG_COST × wrong. */
  utility: number;
}

/** A wrong answer costs as much as this many handoffs: a buyer misled is worse than one asked to wait. */
export const WRONG_COST = 3;

/**
 * The context a scoped entry's question is asked in: its first item (or category) in view.
 * Unscoped entries are asked with nothing in view.
 */
export function ownContext(entry: Pick<FaqEntry, 'items' | 'categories'>): FaqContext {
  if (entry.items) return { itemId: entry.items[0] };
  if (entry.categories) return { category: entry.categories[0] };
  return {};
}

/**
 * For each paraphrase: the best in-scope entry and its score, asked in the entry's own context
 * (`ownContext`) with that paraphrase left out of the index. For each negative (a question the FAQ
 * does not answer): the best score over every entry, scope ignored, the worst case. Then, for
 * each threshold, what would have happened.
 */
export function tuneThreshold(
  entries: FaqEntry[],
  negatives: string[],
  thresholds: number[],
  background: string[] = [],
  features: FaqFeatures = FAQ_FEATURES,
): TuningPoint[] {
  const corpus = new Background(background, features);
  const all = entries.flatMap((entry, i) => textsOf(entry).map((text, j) => ({ entry: i, text, j })));
  const positives = all
    .filter((t) => t.j > 0) // each paraphrase (the question itself stays: it is what a shop writes first)
    .map((left) => {
      const index = new Index(
        all.filter((t) => t !== left),
        features,
        corpus,
      );
      const context = ownContext(entries[left.entry]!);
      const top = index.query(left.text).find((hit) => inScope(entries[hit.entry]!, context));
      return { right: top?.entry === left.entry, score: top?.score ?? 0 };
    });
  const full = new Index(all, features, corpus);
  const negativeScores = negatives.map((q) => full.query(q)[0]?.score ?? 0);
  return thresholds.map((threshold) => {
    const correct = positives.filter((p) => p.right && p.score >= threshold).length;
    const wrongPositive = positives.filter((p) => !p.right && p.score >= threshold).length;
    const wrongNegative = negativeScores.filter((s) => s >= threshold).length;
    const wrong = wrongPositive + wrongNegative;
    return {
      threshold,
      correct,
      wrong,
      handedOff: positives.length - correct - wrongPositive,
      rejected: negatives.length - wrongNegative,
      utility: correct - WRONG_COST * wrong,
    };
  });
}
