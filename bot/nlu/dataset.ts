/** The intent examples in knowledge/intents/: one YAML file per intent, train and test splits. */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { INTENTS, type Intent } from './types.js';

export const INTENTS_DIR = fileURLToPath(new URL('../../knowledge/intents', import.meta.url));

/** Floors from the NLU issue: enough variety to learn from, and a held-out split to measure. */
export const MIN_TRAIN = 40;
export const MIN_TEST = 15;

const fileSchema = z.strictObject({
  intent: z.enum(INTENTS),
  train: z.array(z.string().trim().min(1)).min(MIN_TRAIN),
  test: z.array(z.string().trim().min(1)).min(MIN_TEST),
});

export interface Example {
  text: string;
  intent: Intent;
}

export interface Dataset {
  train: Example[];
  test: Example[];
}

export async function loadDataset(dir: string = INTENTS_DIR): Promise<Dataset> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const problems: string[] = [];
  const dataset: Dataset = { train: [], test: [] };
  const seenIntents = new Set<Intent>();
  for (const name of files) {
    const parsed = fileSchema.safeParse(parse(await readFile(join(dir, name), 'utf8')));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${name}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
      seenIntents.add(name.replace(/\.yaml$/, '') as Intent); // reported above; not also "missing"
      continue;
    }
    const { intent, train, test } = parsed.data;
    if (seenIntents.has(intent)) problems.push(`${name}: intent: ${intent} is defined twice`);
    seenIntents.add(intent);
    const trainSet = new Set(train);
    for (const text of test) if (trainSet.has(text)) problems.push(`${name}: test: "${text}" is also in train`);
    dataset.train.push(...train.map((text) => ({ text, intent })));
    dataset.test.push(...test.map((text) => ({ text, intent })));
  }
  for (const intent of INTENTS) if (!seenIntents.has(intent)) problems.push(`${intent}.yaml: missing: every intent needs examples`);
  if (problems.length) throw new Error(`Intent examples are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return dataset;
}
