import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outOfFoldLogits, stratifiedFolds } from '../../bot/nlu/crossValidation.js';
import { extractFeatures } from '../../bot/nlu/features.js';
import { ModelCache } from '../../bot/nlu/modelCache.js';
import { trainModel, type ModelSpec } from '../../bot/nlu/models.js';
import { normalize } from '../../bot/nlu/normalize.js';
import { SoftmaxRegression } from '../../bot/nlu/softmaxRegression.js';

/** A toy problem: three topics told apart by their words. */
const TOY = [
  ['退款 退钱', 0],
  ['我要退款', 0],
  ['钱退给我', 0],
  ['退款吧', 0],
  ['发货 快点', 1],
  ['快点发货', 1],
  ['还不发货', 1],
  ['几时发货', 1],
  ['发票 开票', 2],
  ['开个发票', 2],
  ['要发票', 2],
  ['发票抬头', 2],
] as const;
const FEATURES = { maxCharN: 2, words: false, wordBigrams: false };
const examples = TOY.map(([text, label]) => ({ normalized: normalize(text), label }));
const softmax: ModelSpec = { kind: 'softmax', features: FEATURES, training: { epochs: 30, learningRate: 0.5, l2: 1e-4, unitLength: true, seed: 3 } };

const argmax = (z: Float64Array | undefined) => (z ? z.indexOf(Math.max(...z)) : -1);

describe('logistic regression', () => {
  it('learns the toy topics and generalises to an unseen phrasing', () => {
    const model = trainModel(softmax, examples, 3);
    expect(argmax(model.logits(normalize('退款退款')))).toBe(0);
    expect(argmax(model.logits(normalize('怎么还不发货啊')))).toBe(1);
    expect(argmax(model.logits(normalize('能开发票吗')))).toBe(2);
    expect(model.logits(normalize('😊'))).toBeUndefined();
  });

  it('trains the same model from the same examples (seeded order)', () => {
    const a = trainModel(softmax, examples, 3).logits(normalize('退款发货'));
    const b = trainModel(softmax, examples, 3).logits(normalize('退款发货'));
    expect(a).toEqual(b);
  });

  it('round-trips through bytes', () => {
    const docs = examples.map((e) => ({ features: extractFeatures(e.normalized, FEATURES), label: e.label }));
    const model = new SoftmaxRegression(3, docs, { epochs: 5, learningRate: 0.5, l2: 0, unitLength: true, seed: 1 });
    const copy = SoftmaxRegression.fromBytes(model.toBytes());
    const features = extractFeatures(normalize('我要开发票'), FEATURES);
    expect(copy.logits(features)).toEqual(model.logits(features));
    expect(() => SoftmaxRegression.fromBytes(model.toBytes().subarray(0, 100))).toThrow();
  });

  it('naive Bayes and an ensemble learn the toy topics too', () => {
    const nb: ModelSpec = { kind: 'naiveBayes', features: FEATURES, smoothing: 0.1 };
    const ensemble: ModelSpec = { kind: 'ensemble', members: [{ spec: softmax, weight: 0.5, temperature: 1 }, { spec: nb, weight: 0.5, temperature: 1 }] };
    for (const spec of [nb, ensemble]) expect(argmax(trainModel(spec, examples, 3).logits(normalize('开发票')))).toBe(2);
  });
});

describe('cross-validation', () => {
  it('spreads every class evenly over the folds', () => {
    const labels = [...Array(10).fill(0), ...Array(5).fill(1)] as number[];
    const folds = stratifiedFolds(labels, 5);
    for (let f = 0; f < 5; f++) {
      expect(labels.filter((l, i) => l === 0 && folds[i] === f)).toHaveLength(2);
      expect(labels.filter((l, i) => l === 1 && folds[i] === f)).toHaveLength(1);
    }
  });

  it('predicts each example with a model that did not see it', () => {
    const oof = outOfFoldLogits(softmax, examples, 3, 4);
    expect(oof).toHaveLength(examples.length);
    expect(oof.filter((z, i) => argmax(z) === examples[i]!.label).length).toBeGreaterThanOrEqual(8);
  });
});

describe('model cache', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kefu-nlu-cache-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores a trained model and gives it back for the same examples, not for others', async () => {
    const cache = new ModelCache(dir);
    const first = trainModel(softmax, examples, 3, cache);
    expect((await readdir(dir)).filter((f) => f.endsWith('.model'))).toHaveLength(1);
    const again = trainModel(softmax, examples, 3, cache);
    expect(again.logits(normalize('开发票'))).toEqual(first.logits(normalize('开发票')));
    trainModel(softmax, examples.slice(1), 3, cache);
    expect((await readdir(dir)).filter((f) => f.endsWith('.model'))).toHaveLength(2);
  });

  it('trains again over a damaged file', async () => {
    const cache = new ModelCache(dir);
    const key = cache.key({ spec: softmax, classes: 3, examples });
    await writeFile(join(dir, `${key}.model`), 'not a model');
    expect(argmax(trainModel(softmax, examples, 3, cache).logits(normalize('开发票')))).toBe(2);
  });
});
