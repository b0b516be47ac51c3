import { KnowledgeError, loadKnowledge } from '../../knowledge/loader.js';
import { KNOWLEDGE_DIR } from '../../knowledge/paths.js';

export const kb = await loadKnowledge(KNOWLEDGE_DIR);

/** A Shanghai wall-clock time, e.g. at('2026-11-20 23:59'). */
export const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);
export const hoursAfter = (start: Date, hours: number): Date => new Date(start.getTime() + hours * 3_600_000);

/** The message loading a knowledge folder fails with (a test fails if it loads). */
export async function knowledgeProblems(dir: string): Promise<string> {
  const error = await loadKnowledge(dir).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof KnowledgeError)) throw new Error(`expected ${dir} to fail with a KnowledgeError, got ${String(error)}`);
  return error.message;
}
