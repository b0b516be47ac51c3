/**
 * `npm run eval:nlu`: trains the recognizer on the train split, scores it on the held-out test
 * split (per-intent precision/recall/F1, macro-F1, top confusions), times recognition per
 * utterance (p50/p99) and start-up, and writes docs/nlu-eval.md.
 * `npm run eval:nlu -- --compare` also scores nlp.js's Chinese pipeline on the same split.
 */
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadDataset, type Example } from '../bot/nlu/dataset.js';
import { evaluate, percentile, type Evaluation } from '../bot/nlu/metrics.js';
import { IntentRecognizer } from '../bot/nlu/recognizer.js';
import { charNgrams } from '../bot/nlu/features.js';
import { normalize } from '../bot/nlu/normalize.js';
import type { Intent } from '../bot/nlu/types.js';

interface Candidate {
  name: string;
  startupMs: number;
  classify: (text: string) => Promise<Intent> | Intent;
}

const TIMING_ROUNDS = 20;

async function measure(candidate: Candidate, test: Example[]): Promise<{ evaluation: Evaluation; p50: number; p99: number }> {
  const pairs = [];
  for (const ex of test) pairs.push({ expected: ex.intent, predicted: await candidate.classify(ex.text) });
  const timings: number[] = [];
  for (let round = 0; round < TIMING_ROUNDS; round++)
    for (const ex of test) {
      const started = performance.now();
      await candidate.classify(ex.text);
      timings.push(performance.now() - started);
    }
  timings.sort((a, b) => a - b);
  return { evaluation: evaluate(pairs), p50: percentile(timings, 0.5), p99: percentile(timings, 0.99) };
}

async function kefuCandidate(train: Example[]): Promise<Candidate> {
  const started = performance.now();
  const recognizer = new IntentRecognizer(train);
  return { name: 'char n-gram naive Bayes, precomputed table (bot/nlu, chosen)', startupMs: performance.now() - started, classify: (t) => recognizer.recognize(t).intent };
}

/** The same features through wink-naive-bayes-text-classifier (devDependency, comparison only). */
async function winkCandidate(train: Example[]): Promise<Candidate> {
  const started = performance.now();
  const { default: winkNaiveBayes } = await import('wink-naive-bayes-text-classifier');
  const nb = winkNaiveBayes();
  nb.definePrepTasks([(text: string) => charNgrams(normalize(text))]);
  nb.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.1 });
  for (const ex of train) nb.learn(ex.text, ex.intent);
  nb.consolidate();
  return {
    name: 'char n-gram naive Bayes via wink-naive-bayes-text-classifier',
    startupMs: performance.now() - started,
    classify: (t) => {
      const [top] = nb.computeOdds(t);
      return (top?.[0] === 'unknown' ? 'none' : top?.[0]) as Intent;
    },
  };
}

/** nlp.js with its Chinese tokenizer; loaded only for the comparison (devDependency). */
async function nlpjsCandidate(train: Example[]): Promise<Candidate> {
  const started = performance.now();
  const { containerBootstrap } = await import('@nlpjs/core');
  const { Nlp } = await import('@nlpjs/nlp');
  const { LangZh } = await import('@nlpjs/lang-zh');
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangZh);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.addLanguage('zh');
  for (const ex of train) nlp.addDocument('zh', ex.text, ex.intent);
  await nlp.train();
  return {
    name: 'nlp.js 4 (lang-zh tokenizer + neural classifier)',
    startupMs: performance.now() - started,
    classify: async (t) => {
      const result = await nlp.process('zh', t);
      return (result.intent === 'None' ? 'none' : result.intent) as Intent;
    },
  };
}

const fmt = (n: number, digits = 3) => n.toFixed(digits);

function report(name: string, startupMs: number, r: Awaited<ReturnType<typeof measure>>): string {
  const rows = r.evaluation.perIntent.map((s) => `| ${s.intent} | ${fmt(s.precision)} | ${fmt(s.recall)} | ${fmt(s.f1)} | ${s.support} |`);
  const confusions = r.evaluation.confusions.slice(0, 10).map((c) => `| ${c.expected} | ${c.predicted} | ${c.count} |`);
  return [
    `## ${name}`,
    '',
    `- macro-F1: **${fmt(r.evaluation.macroF1)}**, accuracy ${fmt(r.evaluation.accuracy)}`,
    `- lowest intent F1: ${fmt(Math.min(...r.evaluation.perIntent.map((s) => s.f1)))}`,
    `- recognition latency per utterance: p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms`,
    `- start-up (training): ${Math.round(startupMs)} ms`,
    '',
    '| intent | precision | recall | F1 | support |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Top confusions:',
    '',
    '| expected | predicted | count |',
    '| --- | --- | --- |',
    ...confusions,
    '',
  ].join('\n');
}

const { values } = parseArgs({ options: { compare: { type: 'boolean', default: false }, out: { type: 'string', default: 'docs/nlu-eval.md' } } });
const { train, test } = await loadDataset();
const candidates = [await kefuCandidate(train)];
if (values.compare) candidates.push(await winkCandidate(train), await nlpjsCandidate(train));

const sections: string[] = [];
for (const candidate of candidates) {
  const result = await measure(candidate, test);
  sections.push(report(candidate.name, candidate.startupMs, result));
  process.stdout.write(`${candidate.name}: macro-F1 ${fmt(result.evaluation.macroF1)}, p99 ${fmt(result.p99)} ms, start-up ${Math.round(candidate.startupMs)} ms\n`);
}
const header = [
  '# NLU evaluation',
  '',
  `Written by \`npm run eval:nlu${values.compare ? ' -- --compare' : ''}\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
    `${train.length} training and ${test.length} held-out test utterances (knowledge/intents/). Latency is measured over ${TIMING_ROUNDS} rounds of the test split.`,
  '',
].join('\n');
await writeFile(values.out!, `${header}\n${sections.join('\n')}`);
process.stdout.write(`wrote ${values.out}\n`);
