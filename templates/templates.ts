/**
 * Everything the bot says: handlebars templates under templates/zh-CN, partials under
 * zh-CN/partials, and short phrases (buttons, names of statuses and reasons) in zh-CN/labels.yaml.
 * Compiled once at start-up in strict mode, so a template that reads a field the caller did not
 * pass fails loudly in tests instead of printing an empty gap to a buyer.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { parse } from 'yaml';
import { projectPath } from '../knowledge/paths.js';
import { escapeData } from './escape.js';
import { formatDate, formatDuration, formatMoney } from './format.js';

export const TEMPLATES_DIR = projectPath('templates', 'zh-CN');

type Labels = { [key: string]: string | Labels };

export class TemplateError extends Error {
  override name = 'TemplateError';
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

export class Templates {
  private constructor(
    private readonly compiled: Map<string, Handlebars.TemplateDelegate>,
    private readonly labels: Labels,
  ) {}

  static async load(dir: string = TEMPLATES_DIR): Promise<Templates> {
    const hbs = Handlebars.create();
    const labels = (parse(await readFile(join(dir, 'labels.yaml'), 'utf8')) ?? {}) as Labels;
    const templates = new Templates(new Map(), labels);
    hbs.registerHelper('money', (fen: number) => formatMoney(fen));
    hbs.registerHelper('duration', (ms: number) => formatDuration(ms));
    hbs.registerHelper('date', (at: Date | string) => formatDate(at));
    hbs.registerHelper('day', (at: Date | string) => formatDate(at, { dateOnly: true }));
    hbs.registerHelper('label', (group: string, key: string) => templates.label(group, key));
    hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    hbs.registerHelper('inc', (n: number) => n + 1);

    const files = (await listFiles(dir)).filter((f) => f.endsWith('.hbs'));
    const sources = new Map<string, string>();
    for (const file of files) {
      const rel = relative(dir, file).slice(0, -'.hbs'.length).split(sep);
      // Trailing newlines are an artefact of editors, not part of what the bot says.
      const source = (await readFile(file, 'utf8')).replace(/\n+$/, '');
      if (rel[0] === 'partials') hbs.registerPartial(rel.slice(1).join('.'), source);
      else sources.set(rel.join('.'), source);
    }
    for (const [key, source] of sources) {
      try {
        const compiled = hbs.compile(source, { strict: true, noEscape: true });
        templates.compiled.set(key, compiled);
      } catch (err) {
        throw new TemplateError(`template ${key}: ${(err as Error).message}`);
      }
    }
    return templates;
  }

  has(key: string): boolean {
    return this.compiled.has(key);
  }

  keys(): string[] {
    return [...this.compiled.keys()].sort();
  }

  /** Renders template `key`; every string in `data` is escaped first (see escape.ts). */
  render(key: string, data: object = {}): string {
    const template = this.compiled.get(key);
    if (!template) throw new TemplateError(`no template "${key}"`);
    try {
      return template(escapeData(data)).trim();
    } catch (err) {
      throw new TemplateError(`template ${key}: ${(err as Error).message}`);
    }
  }

  /** A short phrase from labels.yaml, e.g. label('status', 'TRADE_FINISHED'). */
  label(group: string, key: string): string {
    const node = group.split('.').reduce<string | Labels | undefined>((n, part) => (typeof n === 'object' ? n[part] : undefined), this.labels);
    const value = typeof node === 'object' ? node[key] : undefined;
    if (typeof value !== 'string') throw new TemplateError(`no label ${group}.${key}`);
    return value;
  }

  /** All labels of a group, e.g. to check that every enum value has one. */
  labelGroup(group: string): Record<string, string> {
    const node = group.split('.').reduce<string | Labels | undefined>((n, part) => (typeof n === 'object' ? n[part] : undefined), this.labels);
    if (typeof node !== 'object') throw new TemplateError(`no label group ${group}`);
    return Object.fromEntries(Object.entries(node).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
}
