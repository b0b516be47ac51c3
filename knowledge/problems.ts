/** Collecting every problem of a knowledge directory, each naming file, entry and field. */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';

export const fieldPath = (path: PropertyKey[]): string => (path.length ? path.map(String).join('.') : '(entry)');

export class Problems {
  readonly list: string[] = [];
  /** Not errors: the knowledge loads, but someone should look (kb:check prints them). */
  readonly warnings: string[] = [];
  /** Catalogue files (by item id) that failed to load: already reported. */
  readonly invalidItems = new Set<string>();
  constructor(private readonly root: string) {}

  private format(file: string, entry: string | undefined, field: string, message: string): string {
    return `${relative(this.root, file) || file}${entry ? `: entry ${entry}` : ''}: ${field}: ${message}`;
  }
  add(file: string, entry: string | undefined, field: string, message: string): void {
    this.list.push(this.format(file, entry, field, message));
  }
  warn(file: string, entry: string | undefined, field: string, message: string): void {
    this.warnings.push(this.format(file, entry, field, message));
  }
  addZod(file: string, entry: string | undefined, error: z.ZodError, prefix: PropertyKey[] = []): void {
    for (const issue of error.issues) this.add(file, entry, fieldPath([...prefix, ...issue.path]), issue.message);
  }
}

export async function readYaml(file: string, problems: Problems): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    problems.add(file, undefined, '(file)', `cannot be read: ${(err as Error).message}`);
    return undefined;
  }
  try {
    return parse(text);
  } catch (err) {
    problems.add(file, undefined, '(file)', `is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

export function entryName(raw: unknown, index: number): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : `#${index + 1}`;
}
