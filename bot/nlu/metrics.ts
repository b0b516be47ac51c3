/** Per-intent precision, recall and F1, macro-F1 and the most frequent confusions. */
import { INTENTS, type Intent } from './types.js';

export interface IntentScore {
  intent: Intent;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  perIntent: IntentScore[];
  macroF1: number;
  accuracy: number;
  confusions: { expected: Intent; predicted: Intent; count: number }[];
}

export function evaluate(pairs: { expected: Intent; predicted: Intent }[]): Evaluation {
  const confusion = new Map<string, number>();
  for (const { expected, predicted } of pairs) {
    const key = `${expected}>${predicted}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
  }
  const count = (expected: Intent | '*', predicted: Intent | '*') =>
    pairs.filter((p) => (expected === '*' || p.expected === expected) && (predicted === '*' || p.predicted === predicted)).length;
  const perIntent = INTENTS.map((intent) => {
    const truePositives = count(intent, intent);
    const predictedAs = count('*', intent);
    const support = count(intent, '*');
    const precision = predictedAs ? truePositives / predictedAs : 0;
    const recall = support ? truePositives / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { intent, precision, recall, f1, support };
  });
  const scored = perIntent.filter((s) => s.support > 0);
  const confusions = [...confusion.entries()]
    .map(([key, n]) => {
      const [expected, predicted] = key.split('>') as [Intent, Intent];
      return { expected, predicted, count: n };
    })
    .filter((c) => c.expected !== c.predicted)
    .sort((a, b) => b.count - a.count);
  return {
    perIntent,
    macroF1: scored.reduce((sum, s) => sum + s.f1, 0) / scored.length,
    accuracy: pairs.filter((p) => p.expected === p.predicted).length / pairs.length,
    confusions,
  };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}
