/**
 * Intent classifier: multinomial naive Bayes (wink-naive-bayes-text-classifier) over character
 * n-grams. Chosen over nlp.js's Chinese pipeline on the held-out split: see docs/nlu.md.
 */
import winkNaiveBayes from 'wink-naive-bayes-text-classifier';
import type { Example } from './dataset.js';
import { charNgrams } from './features.js';
import { normalize } from './normalize.js';
import type { Intent } from './types.js';

export interface Scored {
  intent: Intent;
  score: number;
}

/**
 * wink reports one-vs-rest log2 odds per intent, which grow with the number of n-grams. Scores
 * are a softmax over the odds divided by sqrt(n-gram count), so the top score reflects both how
 * sure the model is and how far ahead of the runner-up the winner is. The temperature was set
 * on the training split so that most wrong guesses score below the clarification threshold.
 */
const SOFTMAX_SCALE = 1.0;

export class IntentClassifier {
  private readonly nb = winkNaiveBayes();

  constructor(examples: Example[]) {
    // Inputs arrive already tokenized (see classify), so the only prep task passes them through:
    // wink would otherwise re-tokenize once per intent.
    this.nb.definePrepTasks([(tokens: string[]) => tokens]);
    this.nb.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.1 });
    for (const { text, intent } of examples) this.nb.learn(charNgrams(normalize(text)), intent);
    this.nb.consolidate();
  }

  /** All intents, most likely first, with scores that sum to 1. */
  classify(text: string): Scored[] {
    const normalized = normalize(text);
    if (normalized === '') return [{ intent: 'none', score: 1 }];
    const tokens = charNgrams(normalized);
    const odds = this.nb.computeOdds(tokens) as [string, number][];
    if (odds[0]?.[0] === 'unknown') return [{ intent: 'none', score: 1 }];
    const norm = Math.sqrt(tokens.length);
    const top = odds[0]![1];
    const weights = odds.map(([, logOdds]) => Math.exp((SOFTMAX_SCALE * (logOdds - top)) / norm));
    const total = weights.reduce((a, b) => a + b, 0);
    return odds.map(([intent], i) => ({ intent: intent as Intent, score: weights[i]! / total }));
  }
}
