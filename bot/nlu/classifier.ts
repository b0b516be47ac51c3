/**
 * Intent classifier: binarized multinomial naive Bayes over character n-grams (1–3). Chosen on
 * the held-out split over nlp.js's Chinese pipeline and over wink's naive Bayes: see docs/nlu.md.
 */
import type { Example } from './dataset.js';
import { charNgrams } from './features.js';
import { NaiveBayes } from './naiveBayes.js';
import { normalize } from './normalize.js';
import { INTENTS, type Intent } from './types.js';

export interface Scored {
  intent: Intent;
  score: number;
}

/** Additive smoothing; 0.05 scored best on the held-out split (0.1: −0.3 pt, 0.5: −3.4 pt). */
const SMOOTHING = 0.05;

/**
 * Confidence is a softmax over the log scores divided by sqrt(known n-grams), so it reflects how
 * far ahead of the runner-up the winner is, comparably for short and long messages. The
 * temperature was set on the split so that most wrong guesses fall below the clarification
 * threshold (dialogs/mainDialog.ts) while most right ones stay above it.
 */
const TEMPERATURE = 0.6;

export class IntentClassifier {
  private readonly nb: NaiveBayes<Intent>;

  constructor(examples: Example[]) {
    this.nb = new NaiveBayes(
      INTENTS,
      examples.map((e) => ({ features: charNgrams(normalize(e.text)), label: e.intent })),
      SMOOTHING,
    );
  }

  /** Intents with examples, most likely first, with scores that sum to 1. */
  classify(text: string): Scored[] {
    const normalized = normalize(text);
    const { scores, known } = this.nb.score(normalized ? charNgrams(normalized) : []);
    if (known === 0) return [{ intent: 'none', score: 1 }];
    const top = Math.max(...scores);
    const scale = TEMPERATURE / Math.sqrt(known);
    const weights = Array.from(scores, (s) => Math.exp((s - top) * scale));
    const total = weights.reduce((a, b) => a + b, 0);
    return INTENTS.map((intent, i) => ({ intent, score: weights[i]! / total }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score);
  }
}
