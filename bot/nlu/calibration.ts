/**
 * Confidence calibration: temperature scaling (softmax(logits / T)) with T fitted to minimize
 * the negative log-likelihood of out-of-fold predictions on the training set (crossValidation.ts),
 * and the reliability table that shows how well confidence tracks accuracy.
 */
import { logSoftmax } from './models.js';

/** Mean negative log-likelihood of the true classes at temperature T (undefined logits: skipped). */
export function negativeLogLikelihood(logits: (Float64Array | undefined)[], labels: number[], temperature: number): number {
  let sum = 0;
  let n = 0;
  logits.forEach((z, i) => {
    if (!z) return;
    sum -= Math.max(logSoftmax(z, temperature)[labels[i]!]!, -50);
    n++;
  });
  return n ? sum / n : 0;
}

/** The temperature in [0.02, 50] with the lowest NLL: golden-section search over log T. */
export function fitTemperature(logits: (Float64Array | undefined)[], labels: number[]): number {
  const f = (logT: number) => negativeLogLikelihood(logits, labels, Math.exp(logT));
  let lo = Math.log(0.02);
  let hi = Math.log(50);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = f(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  /** Share of right answers among the predictions in the bin. */
  accuracy: number;
  meanConfidence: number;
}

/** Predictions grouped by confidence into equal-width bins. */
export function reliabilityTable(predictions: { confidence: number; correct: boolean }[], edges = [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1]): ReliabilityBin[] {
  return edges.slice(0, -1).map((from, i) => {
    const to = edges[i + 1]!;
    const inBin = predictions.filter((p) => p.confidence >= from && (p.confidence < to || (to === 1 && p.confidence <= 1)));
    return {
      from,
      to,
      count: inBin.length,
      accuracy: inBin.length ? inBin.filter((p) => p.correct).length / inBin.length : 0,
      meanConfidence: inBin.length ? inBin.reduce((s, p) => s + p.confidence, 0) / inBin.length : 0,
    };
  });
}

/** Expected calibration error: |accuracy − confidence| per bin, weighted by the bin's share. */
export function expectedCalibrationError(bins: ReliabilityBin[]): number {
  const total = bins.reduce((s, b) => s + b.count, 0);
  return total ? bins.reduce((s, b) => s + (b.count / total) * Math.abs(b.accuracy - b.meanConfidence), 0) : 0;
}
