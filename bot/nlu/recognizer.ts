import { readFile } from 'node:fs/promises';
import { projectPath } from '../../knowledge/paths.js';
import { IntentClassifier } from './classifier.js';
import { loadTrainingExamples, type Example } from './dataset.js';
import { extractEntities } from './entities.js';
import { ModelCache } from './modelCache.js';
import type { ModelSpec } from './models.js';
import type { Recognition, Recognizer } from './types.js';

/** The chosen model with its fitted temperature: written by `npm run eval:nlu` (cross-validation on the training set). */
export interface Calibration {
  candidate: string;
  spec: ModelSpec;
  temperature: number;
  fitted: { date: string; trainingExamples: number; folds: number; crossValidationMacroF1: number };
}

export const CALIBRATION_FILE = projectPath('bot', 'nlu', 'calibration.json');

export async function loadCalibration(file: URL | string = CALIBRATION_FILE): Promise<Calibration> {
  return JSON.parse(await readFile(file, 'utf8')) as Calibration;
}

export class IntentRecognizer implements Recognizer {
  private readonly classifier: IntentClassifier;

  constructor(examples: Example[], calibration: Pick<Calibration, 'spec' | 'temperature'>, cache?: ModelCache) {
    this.classifier = new IntentClassifier(calibration.spec, calibration.temperature, examples, cache);
  }

  recognize(text: string, now: Date = new Date()): Recognition {
    const ranking = this.classifier.classify(text).slice(0, 3);
    const top = ranking[0]!;
    return { text, intent: top.intent, confidence: top.score, ranking, entities: extractEntities(text, now) };
  }
}

let shared: Promise<Recognizer> | undefined;

/**
 * Trains the chosen model on knowledge/intents/ (the held-out set in test/nlu-eval/ is never
 * read here). Training takes a second or two, so a process trains once and every caller shares
 * the recognizer (it holds no per-conversation state); `cache` (default on) keeps the trained
 * weights on disk for the next process with the same examples and code (modelCache.ts).
 */
export function createRecognizer(options: { cache?: boolean } = {}): Promise<Recognizer> {
  if (options.cache === false) return build(undefined);
  shared ??= build(new ModelCache());
  shared.catch(() => (shared = undefined));
  return shared;
}

async function build(cache: ModelCache | undefined): Promise<Recognizer> {
  const [examples, calibration] = await Promise.all([loadTrainingExamples(), loadCalibration()]);
  return new IntentRecognizer(examples, calibration, cache);
}
