/**
 * Multinomial logistic regression (softmax regression) over sparse binary features, trained by
 * stochastic gradient descent with AdaGrad step sizes and L2 regularisation, in a fixed
 * pseudo-random order so that a training set always gives the same model.
 *
 * Hand-written because the npm packages for it take dense matrices (ml-logistic-regression: a
 * one-vs-all full-batch gradient descent over an ml-matrix; libsvm-js and ml-svm: dense arrays),
 * and our ~5,000 messages × ~60,000 n-grams would be a 2 GB dense matrix; here each message is
 * its list of feature indices and one training pass costs messages × features × intents.
 */

export interface SoftmaxOptions {
  epochs: number;
  /** AdaGrad base step. */
  learningRate: number;
  /** L2 penalty per update on the weights a message touches. */
  l2: number;
  /** Scale each message's features to unit length (1/sqrt(count)) instead of 1 each. */
  unitLength: boolean;
  seed: number;
}

export const DEFAULT_SOFTMAX: SoftmaxOptions = { epochs: 12, learningRate: 0.3, l2: 1e-5, unitLength: true, seed: 1 };

/** mulberry32: a small seeded generator, for a reproducible training order. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class SoftmaxRegression {
  private readonly vocabulary = new Map<string, number>();
  private readonly weights: Float64Array;
  private readonly bias: Float64Array;
  private readonly unitLength: boolean;

  constructor(
    readonly classes: number,
    documents: { features: string[]; label: number }[],
    options: SoftmaxOptions = DEFAULT_SOFTMAX,
  ) {
    this.unitLength = options.unitLength;
    const encoded = documents.map(({ features, label }) => ({ indices: Int32Array.from(this.index(features, true)), label }));
    const k = classes;
    const weights = (this.weights = new Float64Array(this.vocabulary.size * k));
    const bias = (this.bias = new Float64Array(k));
    const squaredW = new Float64Array(weights.length);
    const squaredB = new Float64Array(k);
    const { learningRate, l2 } = options;
    const next = random(options.seed);
    const order = encoded.map((_, i) => i);
    const z = new Float64Array(k);
    const eps = 1e-8;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const d of order) {
        const { indices, label } = encoded[d]!;
        const x = options.unitLength && indices.length ? 1 / Math.sqrt(indices.length) : 1;
        this.scoreInto(indices, x, z);
        softmaxInPlace(z);
        z[label]! -= 1; // z is now the gradient of the loss by the logits
        for (let c = 0; c < k; c++) {
          const g = z[c]!;
          squaredB[c]! += g * g;
          bias[c]! -= (learningRate * g) / (Math.sqrt(squaredB[c]!) + eps);
        }
        for (let n = 0; n < indices.length; n++) {
          const row = indices[n]! * k;
          for (let c = 0; c < k; c++) {
            const at = row + c;
            const g = z[c]! * x + l2 * weights[at]!;
            const sq = (squaredW[at]! += g * g);
            weights[at]! -= (learningRate * g) / (Math.sqrt(sq) + eps);
          }
        }
      }
    }
  }

  private index(features: string[], grow: boolean): number[] {
    const indices: number[] = [];
    for (const feature of new Set(features)) {
      let i = this.vocabulary.get(feature);
      if (i === undefined && grow) this.vocabulary.set(feature, (i = this.vocabulary.size));
      if (i !== undefined) indices.push(i);
    }
    return indices;
  }

  private scoreInto(indices: ArrayLike<number>, x: number, z: Float64Array): void {
    const k = this.classes;
    const weights = this.weights;
    z.set(this.bias);
    for (let n = 0; n < indices.length; n++) {
      const row = indices[n]! * k;
      for (let c = 0; c < k; c++) z[c]! += x * weights[row + c]!;
    }
  }

  /** The trained model as bytes: a JSON line (classes, scaling, vocabulary in index order), then the weights and biases as float64. */
  toBytes(): Buffer {
    const header = Buffer.from(`${JSON.stringify({ classes: this.classes, unitLength: this.unitLength, vocabulary: [...this.vocabulary.keys()] })}\n`);
    const numbers = new Float64Array(this.weights.length + this.bias.length);
    numbers.set(this.weights);
    numbers.set(this.bias, this.weights.length);
    return Buffer.concat([header, Buffer.from(numbers.buffer)]);
  }

  /** A model from toBytes(); throws on bytes that do not fit together. */
  static fromBytes(bytes: Buffer): SoftmaxRegression {
    const newline = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as { classes: number; unitLength: boolean; vocabulary: string[] };
    const body = bytes.subarray(newline + 1);
    const k = header.classes;
    if (body.length !== (header.vocabulary.length + 1) * k * 8) throw new Error('model bytes: size does not match the header');
    const numbers = new Float64Array(body.length / 8);
    new Uint8Array(numbers.buffer).set(body);
    const model = Object.create(SoftmaxRegression.prototype) as SoftmaxRegression;
    Object.assign(model, {
      classes: k,
      unitLength: header.unitLength,
      vocabulary: new Map(header.vocabulary.map((f, i) => [f, i])),
      weights: numbers.subarray(0, header.vocabulary.length * k),
      bias: numbers.subarray(header.vocabulary.length * k),
    });
    return model;
  }

  /** Logits per class and how many of the features were seen in training (unseen ones carry no evidence). */
  logits(features: string[]): { logits: Float64Array; known: number } {
    const indices = this.index(features, false);
    // Scale as in training: by the message's feature count, known or not, so an unknown word
    // dilutes the evidence as it would have in a training message.
    const total = new Set(features).size;
    const z = new Float64Array(this.classes);
    this.scoreInto(indices, this.unitLength && total ? 1 / Math.sqrt(total) : 1, z);
    return { logits: z, known: indices.length };
  }
}

/** Softmax in place, stable. */
export function softmaxInPlace(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < z.length; i++) sum += z[i] = Math.exp(z[i]! - max);
  for (let i = 0; i < z.length; i++) z[i]! /= sum;
  return z;
}
