/** Stratified k-fold cross-validation on the training set: out-of-fold logits for every example. */
import { fitTemperature } from './calibration.js';
import { combine, trainModel, type LabelledText, type ModelSpec } from './models.js';

/** A fold number per example; each class is spread evenly over the folds, in a seeded order. */
export function stratifiedFolds(labels: number[], k: number, seed = 7): number[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const folds = new Array<number>(labels.length).fill(0);
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => byClass.set(label, [...(byClass.get(label) ?? []), i]));
  let offset = 0;
  for (const members of byClass.values()) {
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    members.forEach((index, n) => (folds[index] = (n + offset) % k));
    offset += members.length;
  }
  return folds;
}

/** Logits of each example from a model trained on the other folds. */
export function outOfFoldLogits(spec: ModelSpec, examples: LabelledText[], classes: number, k = 5, seed = 7): (Float64Array | undefined)[] {
  const folds = stratifiedFolds(
    examples.map((e) => e.label),
    k,
    seed,
  );
  const out = new Array<Float64Array | undefined>(examples.length);
  for (let fold = 0; fold < k; fold++) {
    const model = trainModel(
      spec,
      examples.filter((_, i) => folds[i] !== fold),
      classes,
    );
    examples.forEach((e, i) => {
      if (folds[i] === fold) out[i] = model.logits(e.normalized);
    });
  }
  return out;
}

export interface CrossValidated {
  /** The spec with what cross-validation fitted (ensemble weights and member temperatures). */
  spec: ModelSpec;
  /** Out-of-fold logits of every training example, as the fitted spec gives them. */
  logits: (Float64Array | undefined)[];
  temperature: number;
}

const argmax = (z: Float64Array | undefined, fallback: number): number => {
  if (!z) return fallback;
  let best = 0;
  for (let i = 1; i < z.length; i++) if (z[i]! > z[best]!) best = i;
  return best;
};

const accuracyOf = (logits: (Float64Array | undefined)[], labels: number[], fallback: number) =>
  logits.filter((z, i) => argmax(z, fallback) === labels[i]).length / labels.length;

/**
 * k-fold cross-validation of a spec on the training set: out-of-fold logits and the temperature
 * that calibrates them. For an ensemble, each member is cross-validated on the same folds and
 * calibrated, then the member weights are chosen on the grid 0.1…0.9 by out-of-fold accuracy.
 */
export function crossValidate(spec: ModelSpec, examples: LabelledText[], classes: number, fallback: number, k = 5): CrossValidated {
  const labels = examples.map((e) => e.label);
  if (spec.kind !== 'ensemble') {
    const logits = outOfFoldLogits(spec, examples, classes, k);
    return { spec, logits, temperature: fitTemperature(logits, labels) };
  }
  const members = spec.members.map((m) => {
    const logits = outOfFoldLogits(m.spec, examples, classes, k);
    return { spec: m.spec, logits, temperature: fitTemperature(logits, labels), weight: m.weight };
  });
  const weightings: number[][] =
    members.length === 2 ? [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((w) => [w, 1 - w]) : [members.map(() => 1 / members.length)];
  let best: { weights: number[]; logits: (Float64Array | undefined)[]; accuracy: number } | undefined;
  for (const weights of weightings) {
    const fitted = members.map((m, i) => ({ weight: weights[i]!, temperature: m.temperature }));
    const logits = examples.map((_, n) => combine(members.map((m) => m.logits[n]), fitted));
    const accuracy = accuracyOf(logits, labels, fallback);
    if (!best || accuracy > best.accuracy) best = { weights, logits, accuracy };
  }
  const fittedSpec: ModelSpec = {
    kind: 'ensemble',
    members: members.map((m, i) => ({ spec: m.spec, weight: best!.weights[i]!, temperature: m.temperature })),
  };
  return { spec: fittedSpec, logits: best!.logits, temperature: fitTemperature(best!.logits, labels) };
}
