/**
 * The intent examples. Training: knowledge/intents/<intent>.yaml, `{intent, train: [...]}`.
 * Evaluation, written apart and never trained on: test/nlu-eval/<intent>.yaml,
 * `{intent, test: [...], hard: [...]}`. Labels: docs/nlu-labels.md.
 *
 * A test or hard line that is the same message as a training line (sameMessageKey: equal up to
 * width, traditional/simplified, case, spaces and punctuation) measures memory, not
 * understanding: it is dropped from the evaluation side at load time and listed in `overlaps`,
 * which `npm run eval:nlu` counts and prints. The training side is left as written: the common
 * short messages (在吗, 谢谢, 转人工) are exactly what the bot must know.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { projectPath } from '../../knowledge/paths.js';
import { sameMessageKey } from './normalize.js';
import { INTENTS, type Intent } from './types.js';

export const INTENTS_DIR = projectPath('knowledge', 'intents');
export const EVAL_DIR = projectPath('test', 'nlu-eval');

/** Floors from the NLU issue (#14): training examples per intent; test and hard lines per intent as written. */
export const MIN_TRAIN = 150;
export const MIN_TEST = 40;
export const MIN_HARD = 10;

export interface Example {
  text: string;
  intent: Intent;
}

/** An evaluation line dropped because it is also a training line. */
export interface Overlap extends Example {
  split: 'test' | 'hard';
  /** Where the training line is, as file:line. */
  trainedAt: string;
}

export interface Dataset {
  train: Example[];
  test: Example[];
  hard: Example[];
  /** Evaluation lines that are also training lines: not in `test` or `hard`. */
  overlaps: Overlap[];
}

export class DatasetError extends Error {
  constructor(readonly problems: string[]) {
    super(`Intent examples are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DatasetError';
  }
}

const line = z.string({ error: (issue) => `expected a text, got ${issue.input === null ? 'nothing' : typeof issue.input} (quote numbers and lines starting with YAML punctuation)` }).trim().min(1, 'empty line');
const lines = (floor: number) => z.array(line, { error: 'expected a list of lines' }).min(floor, `needs at least ${floor} lines`);
const intent = z.enum(INTENTS, { error: (issue) => `unknown intent ${JSON.stringify(issue.input)} (known: see bot/nlu/types.ts)` });
const trainSchema = z.strictObject({ intent, train: lines(MIN_TRAIN) });
const evalSchema = z.strictObject({ intent, test: lines(MIN_TEST), hard: lines(MIN_HARD) });

interface Located {
  text: string;
  intent: Intent;
  /** file:line, worked out only when a problem is reported. */
  readonly at: string;
}

/** Reads and validates one directory of <intent>.yaml files; problems are collected, not thrown. */
async function readDir<S extends typeof trainSchema | typeof evalSchema>(
  dir: string,
  schema: S,
  keys: readonly ('train' | 'test' | 'hard')[],
  problems: string[],
): Promise<Map<'train' | 'test' | 'hard', Located[]>> {
  const out = new Map(keys.map((k) => [k, [] as Located[]]));
  const fromHere = relative(process.cwd(), dir);
  const shown = fromHere && !fromHere.startsWith('..') ? fromHere : dir;
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  } catch (err) {
    problems.push(`${shown}: cannot read the directory: ${(err as Error).message}`);
    return out;
  }
  const seen = new Set<string>();
  for (const name of names) {
    const file = join(shown, name);
    const lineCounter = new LineCounter();
    const doc = parseDocument(await readFile(join(dir, name), 'utf8'), { lineCounter });
    const lineOf = (path: PropertyKey[]): string => {
      const node = path.length ? (doc.getIn(path as (string | number)[], true) as { range?: [number, number, number] } | undefined) : doc.contents;
      const offset = node && 'range' in node ? node.range?.[0] : undefined;
      return offset === undefined ? file : `${file}:${lineCounter.linePos(offset).line}`;
    };
    if (doc.errors.length) {
      for (const e of doc.errors) problems.push(`${file}:${e.linePos?.[0].line ?? '?'}: not valid YAML: ${e.message.split('\n')[0]}`);
      seen.add(name.replace(/\.yaml$/, ''));
      continue;
    }
    const parsed = schema.safeParse(doc.toJS());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${lineOf(issue.path)}: ${fieldName(issue.path) || '(file)'}: ${issue.message}`);
      seen.add(name.replace(/\.yaml$/, '')); // reported above; not also "missing"
      continue;
    }
    const data = parsed.data as Record<string, unknown> & { intent: Intent };
    if (name !== `${data.intent}.yaml`) {
      problems.push(`${lineOf(['intent'])}: intent: ${data.intent} is in a file named ${name} (expected ${data.intent}.yaml)`);
      seen.add(name.replace(/\.yaml$/, ''));
      continue;
    }
    if (seen.has(data.intent)) problems.push(`${file}: intent: ${data.intent} is defined twice`);
    seen.add(data.intent);
    for (const key of keys)
      (data[key] as string[]).forEach((text, i) =>
        out.get(key)!.push({
          text,
          intent: data.intent,
          get at() {
            return lineOf([key, i]);
          },
        }),
      );
  }
  for (const intent of INTENTS) if (!seen.has(intent)) problems.push(`${join(shown, `${intent}.yaml`)}: missing: every intent needs examples here`);
  return out;
}

function fieldName(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** The same message under two intents is a labelling mistake: one of them is wrong. */
function checkConflicts(examples: Located[], problems: string[]): Map<string, Located> {
  const byKey = new Map<string, Located>();
  for (const e of examples) {
    const key = sameMessageKey(e.text);
    const first = byKey.get(key);
    if (first && first.intent !== e.intent) problems.push(`${e.at}: "${e.text}" is ${e.intent} here but ${first.intent} at ${first.at}`);
    else if (!first) byKey.set(key, e);
  }
  return byKey;
}

const plain = ({ text, intent }: Located): Example => ({ text, intent });

/**
 * The training examples only: what the bot learns from at start-up, checked file by file. The
 * cross-file checks (one message under two intents, overlap with the held-out set) are
 * loadDataset's, run by `npm run kb:check`, `npm run eval:nlu` and the unit tests.
 */
export async function loadTrainingExamples(dir: string = INTENTS_DIR): Promise<Example[]> {
  const problems: string[] = [];
  const train = (await readDir(dir, trainSchema, ['train'], problems)).get('train')!;
  if (problems.length) throw new DatasetError(problems);
  return train.map(plain);
}

/** Training examples and the held-out evaluation set, with the overlap between them dropped from the evaluation side. */
export async function loadDataset(dirs: { train?: string; eval?: string } = {}): Promise<Dataset> {
  const problems: string[] = [];
  const train = (await readDir(dirs.train ?? INTENTS_DIR, trainSchema, ['train'], problems)).get('train')!;
  const evaluation = await readDir(dirs.eval ?? EVAL_DIR, evalSchema, ['test', 'hard'], problems);
  const trained = checkConflicts(train, problems);
  checkConflicts([...evaluation.get('test')!, ...evaluation.get('hard')!], problems);
  const overlaps: Overlap[] = [];
  const split = (name: 'test' | 'hard') =>
    evaluation.get(name)!.filter((e) => {
      const twin = trained.get(sameMessageKey(e.text));
      if (!twin) return true;
      if (twin.intent !== e.intent) problems.push(`${e.at}: "${e.text}" is ${e.intent} in the evaluation set but ${twin.intent} in training (${twin.at})`);
      else overlaps.push({ text: e.text, intent: e.intent, split: name, trainedAt: twin.at });
      return false;
    });
  const test = split('test');
  const hard = split('hard');
  if (problems.length) throw new DatasetError(problems);
  return { train: train.map(plain), test: test.map(plain), hard: hard.map(plain), overlaps };
}
