/**
 * Unanswered questions grouped by what they ask: character n-gram TF-IDF vectors (the FAQ's own
 * n-grams, knowledge/faq.ts, so a cluster reads the way the FAQ will match it), joined greedily
 * to the closest cluster centroid when the cosine reaches CLUSTER_SIMILARITY, the most asked
 * questions first so each cluster is led by its most common wording. Pure.
 */
import { FAQ_FEATURES, grams } from '../../knowledge/faq.js';
import { MASKS } from './mask.js';

export interface QuestionCount {
  text: string;
  count: number;
}

export interface QuestionCluster {
  /** The most asked wording. */
  label: string;
  /** Times any of its questions was asked. */
  count: number;
  /** Its wordings, most asked first. */
  examples: QuestionCount[];
}

/** Chosen on test/insights/clusters.test.ts: paraphrases of one question join, different topics stay apart. */
export const CLUSTER_SIMILARITY = 0.35;

type Vector = Map<string, number>;

const PLACEHOLDERS = new RegExp(Object.values(MASKS).map((m) => m.replace(/[[\]]/g, '\\$&')).join('|'), 'g');

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (const [k, v] of a) dot += v * (b.get(k) ?? 0);
  return dot / (norm(a) * norm(b) || 1);
}

function norm(v: Vector): number {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  return Math.sqrt(sum);
}

function vectors(texts: string[]): Vector[] {
  // Placeholders say nothing about the topic ("[订单号]怎么还没发" and "怎么还没发" ask the same).
  const counts = texts.map((t) => grams(t.replace(PLACEHOLDERS, ' '), FAQ_FEATURES));
  const df = new Map<string, number>();
  for (const c of counts) for (const gram of c.keys()) df.set(gram, (df.get(gram) ?? 0) + 1);
  const n = texts.length;
  return counts.map((c) => new Map([...c].map(([gram, tf]) => [gram, (1 + Math.log(tf)) * (Math.log((n + 1) / (df.get(gram)! + 1)) + 1)])));
}

export function clusterQuestions(questions: QuestionCount[], similarity = CLUSTER_SIMILARITY): QuestionCluster[] {
  const sorted = [...questions].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
  const vs = vectors(sorted.map((q) => q.text));
  const clusters: { centroid: Vector; members: QuestionCount[] }[] = [];
  sorted.forEach((question, i) => {
    const v = vs[i]!;
    let best: (typeof clusters)[number] | undefined;
    let bestScore = similarity;
    for (const cluster of clusters) {
      const score = cosine(v, cluster.centroid);
      if (score >= bestScore) [best, bestScore] = [cluster, score];
    }
    if (!best) return clusters.push({ centroid: new Map(v), members: [question] });
    best.members.push(question);
    for (const [gram, w] of v) best.centroid.set(gram, (best.centroid.get(gram) ?? 0) + w);
  });
  return clusters
    .map(({ members }) => ({ label: members[0]!.text, count: members.reduce((sum, m) => sum + m.count, 0), examples: members }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}
