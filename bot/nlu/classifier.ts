/**
 * Intent classifier: normalized text → the chosen model's logits → calibrated probabilities,
 * softmax(logits / T), with T fitted by cross-validation on the training set (calibration.json,
 * written by `npm run eval:nlu`). The model and the comparison that chose it: docs/nlu.md.
 */
import type { Example } from './dataset.js';
import type { ModelCache } from './modelCache.js';
import { logSoftmax, trainModel, type Model, type ModelSpec } from './models.js';
import { normalize } from './normalize.js';
import { INTENTS, type Intent } from './types.js';

export interface Scored {
  intent: Intent;
  score: number;
}

export class IntentClassifier {
  private readonly model: Model;

  constructor(
    spec: ModelSpec,
    private readonly temperature: number,
    examples: Example[],
    cache?: ModelCache,
  ) {
    this.model = trainModel(
      spec,
      examples.map((e) => ({ normalized: normalize(e.text), label: INTENTS.indexOf(e.intent) })),
      INTENTS.length,
      cache,
    );
  }

  /** Every intent, most likely first, with probabilities that sum to 1. */
  classify(text: string): Scored[] {
    const logits = this.model.logits(normalize(text));
    // Nothing the model has seen (emoji, punctuation, a script it never met): not a shop topic.
    if (!logits) return [{ intent: 'none', score: 1 }];
    const logProbabilities = logSoftmax(logits, this.temperature);
    return INTENTS.map((intent, i) => ({ intent, score: Math.exp(logProbabilities[i]!) })).sort((a, b) => b.score - a.score);
  }
}
