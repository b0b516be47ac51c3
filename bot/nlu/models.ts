/**
 * The intent models compared in `npm run eval:nlu -- --compare` (docs/nlu.md), behind one
 * interface: normalized text → a logit per intent, or undefined when the text has no feature
 * the model has seen. Probabilities are softmax(logits / temperature), the temperature fitted by
 * cross-validation (calibration.ts).
 */
import { extractFeatures, type FeatureOptions } from './features.js';
import type { ModelCache } from './modelCache.js';
import { NaiveBayes } from './naiveBayes.js';
import { SoftmaxRegression, type SoftmaxOptions } from './softmaxRegression.js';

export type BaseSpec =
  | { kind: 'naiveBayes'; features: FeatureOptions; smoothing: number }
  | { kind: 'softmax'; features: FeatureOptions; training: SoftmaxOptions };

/** An ensemble adds its members' calibrated log-probabilities, weighted. */
export type ModelSpec = BaseSpec | { kind: 'ensemble'; members: { spec: BaseSpec; weight: number; temperature: number }[] };

export interface Model {
  logits(normalized: string): Float64Array | undefined;
}

export interface LabelledText {
  normalized: string;
  label: number;
}

/** `cache`: reuse a trained logistic regression from disk when nothing it depends on changed (modelCache.ts). */
export function trainModel(spec: ModelSpec, examples: LabelledText[], classes: number, cache?: ModelCache): Model {
  switch (spec.kind) {
    case 'naiveBayes': {
      const nb = new NaiveBayes(classes, examples.map((e) => ({ features: extractFeatures(e.normalized, spec.features), label: e.label })), spec.smoothing);
      return {
        logits(normalized) {
          const { scores, known } = nb.score(extractFeatures(normalized, spec.features));
          if (known - (spec.features.length ? 1 : 0) <= 0) return undefined;
          // Per known feature, so that the spread is comparable for short and long messages.
          const scale = 1 / Math.sqrt(known);
          const top = Math.max(...scores);
          return scores.map((s) => (s - top) * scale);
        },
      };
    }
    case 'softmax': {
      const train = () => new SoftmaxRegression(classes, examples.map((e) => ({ features: extractFeatures(e.normalized, spec.features), label: e.label })), spec.training);
      const lr = cache ? cached(cache, { spec, classes, examples }, train) : train();
      return {
        logits(normalized) {
          const { logits, known } = lr.logits(extractFeatures(normalized, spec.features));
          // The length feature is always known; it alone is no evidence.
          return known - (spec.features.length ? 1 : 0) <= 0 ? undefined : logits;
        },
      };
    }
    case 'ensemble': {
      const members = spec.members.map((m) => ({ ...m, model: trainModel(m.spec, examples, classes, cache) }));
      return {
        logits: (normalized) =>
          combine(
            members.map((m) => m.model.logits(normalized)),
            members,
          ),
      };
    }
  }
}

function cached(cache: ModelCache, what: unknown, train: () => SoftmaxRegression): SoftmaxRegression {
  const key = cache.key(what);
  const bytes = cache.read(key);
  if (bytes) {
    try {
      return SoftmaxRegression.fromBytes(bytes);
    } catch {
      // A damaged file: train again and overwrite it.
    }
  }
  const model = train();
  cache.write(key, model.toBytes());
  return model;
}

/** An ensemble's logits: its members' calibrated log-probabilities, weighted (members with nothing known left out). */
export function combine(logits: (Float64Array | undefined)[], members: { weight: number; temperature: number }[]): Float64Array | undefined {
  let sum: Float64Array | undefined;
  logits.forEach((z, m) => {
    const { weight, temperature } = members[m]!;
    if (!z || weight === 0) return;
    const lp = logSoftmax(z, temperature);
    sum ??= new Float64Array(z.length);
    for (let c = 0; c < z.length; c++) sum[c]! += weight * lp[c]!;
  });
  return sum;
}

export function logSoftmax(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v / temperature > max) max = v / temperature;
  let sum = 0;
  for (const v of z) sum += Math.exp(v / temperature - max);
  const log = max + Math.log(sum);
  return z.map((v) => v / temperature - log);
}

const CHAR = { maxCharN: 3, words: false, wordBigrams: false } satisfies FeatureOptions;
const CHAR_WORDS = { ...CHAR, words: true } satisfies FeatureOptions;
const FULL = { ...CHAR_WORDS, pinyin: true, length: true, concepts: true } satisfies FeatureOptions;
/** Chosen by 5-fold cross-validation on the training set (flat around it: ±0.005 macro-F1 for 8–12 epochs, step 0.2–0.5, L2 3e-5–3e-4). */
const TRAINING: SoftmaxOptions = { epochs: 8, learningRate: 0.3, l2: 1e-4, unitLength: true, seed: 1 };

export interface Candidate {
  id: string;
  name: string;
  spec: ModelSpec;
}

/** What `npm run eval:nlu -- --compare` compares; ensemble member temperatures are fitted there by cross-validation. */
export const CANDIDATES: Candidate[] = [
  { id: 'nb-char', name: '(a) char 1–3-grams, naive Bayes (the recognizer before #14)', spec: { kind: 'naiveBayes', features: CHAR, smoothing: 0.05 } },
  { id: 'nb-char-words', name: '(b) char n-grams + jieba words, naive Bayes', spec: { kind: 'naiveBayes', features: CHAR_WORDS, smoothing: 0.05 } },
  { id: 'lr-char', name: '(c1) char n-grams, logistic regression', spec: { kind: 'softmax', features: CHAR, training: TRAINING } },
  { id: 'lr-char-words', name: '(c2) char n-grams + jieba words, logistic regression', spec: { kind: 'softmax', features: CHAR_WORDS, training: TRAINING } },
  {
    id: 'lr-full',
    name: '(c3) char n-grams + jieba words + pinyin + length + concepts, logistic regression',
    spec: { kind: 'softmax', features: FULL, training: TRAINING },
  },
  {
    id: 'ensemble',
    name: '(d) ensemble: (c3) + naive Bayes on the same features, calibrated log-probabilities averaged',
    spec: {
      kind: 'ensemble',
      members: [
        { spec: { kind: 'softmax', features: FULL, training: TRAINING }, weight: 0.5, temperature: 1 },
        { spec: { kind: 'naiveBayes', features: FULL, smoothing: 0.05 }, weight: 0.5, temperature: 1 },
      ],
    },
  },
];

/** The candidate the bot runs (docs/nlu.md says why). */
export const CHOSEN = 'lr-full';
