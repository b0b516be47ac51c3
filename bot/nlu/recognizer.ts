import { IntentClassifier } from './classifier.js';
import { loadDataset, type Example } from './dataset.js';
import { extractEntities } from './entities.js';
import type { Recognition, Recognizer } from './types.js';

export class IntentRecognizer implements Recognizer {
  private readonly classifier: IntentClassifier;

  constructor(examples: Example[]) {
    this.classifier = new IntentClassifier(examples);
  }

  recognize(text: string, now: Date = new Date()): Recognition {
    const ranking = this.classifier.classify(text).slice(0, 3);
    const top = ranking[0]!;
    return { text, intent: top.intent, confidence: top.score, ranking, entities: extractEntities(text, now) };
  }
}

/** Trains on the examples' train split (the test split is kept for `npm run eval:nlu`). */
export async function createRecognizer(): Promise<Recognizer> {
  const { train } = await loadDataset();
  return new IntentRecognizer(train);
}
