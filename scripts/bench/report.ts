/** Formatting for docs/bench.md, and the soak's own section in it. */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';

export const DOC = 'docs/bench.md';
const SOAK_START = '<!-- soak:start (written by npm run bench:soak) -->';
const SOAK_END = '<!-- soak:end -->';
const NO_SOAK = '_No soak recorded yet: run `npm run bench:soak`._';

export const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '–');
export const ms = (n: number) => (!Number.isFinite(n) ? '–' : n < 0.1 ? n.toFixed(4) : n < 10 ? n.toFixed(2) : n.toFixed(1));
export const pct = (n: number) => (Number.isFinite(n) ? `${Math.round(n * 100)}%` : '–');
export const times = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '–');
export const kb = (bytes: number) => (bytes < 10_240 ? `${(bytes / 1024).toFixed(1)} KB` : `${int(bytes / 1024)} KB`);
export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
export const one = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
export const verdict = (met: boolean) => (met ? '**met**' : '**not met**');

export function table(header: string[], rows: (string | number)[][], align?: ('l' | 'r')[]): string {
  const sep = header.map((_, i) => ((align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** The machine, as a line for the doc. */
export function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((n) => n.toFixed(1)).join(' / ');
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}; load average when the run started ${load} (1 / 5 / 15 min)`;
}

export const loadAverageNow = () => os.loadavg()[0]!.toFixed(1);

async function currentDoc(): Promise<string> {
  return readFile(DOC, 'utf8').catch(() => '');
}

function soakSection(doc: string): string {
  const start = doc.indexOf(SOAK_START);
  const end = doc.indexOf(SOAK_END);
  return start >= 0 && end > start ? doc.slice(start + SOAK_START.length, end).trim() : NO_SOAK;
}

/** Where the sections measured by other means begin (production start, state size): kept as they are. */
const MEASURED_ELSEWHERE = '<!-- measured elsewhere: kept by npm run bench -->';

/**
 * Writes the doc from `npm run bench`, keeping the last soak's section (`{{soak}}` marks where it
 * goes) and everything from MEASURED_ELSEWHERE on.
 */
export async function writeBenchDoc(body: string): Promise<void> {
  const doc = await currentDoc();
  const elsewhere = doc.indexOf(MEASURED_ELSEWHERE);
  const kept = elsewhere >= 0 ? `\n${doc.slice(elsewhere)}` : '';
  await writeFile(DOC, `${body.replace('{{soak}}', `${SOAK_START}\n${soakSection(doc)}\n${SOAK_END}`).trimEnd()}\n${kept}`);
}

/** Replaces the soak's section of the doc (appended when the doc has none). */
export async function writeSoakSection(section: string): Promise<void> {
  const doc = await currentDoc();
  const block = `${SOAK_START}\n${section.trim()}\n${SOAK_END}`;
  const start = doc.indexOf(SOAK_START);
  const end = doc.indexOf(SOAK_END);
  let next = start >= 0 && end > start ? doc.slice(0, start) + block + doc.slice(end + SOAK_END.length) : `${doc.trimEnd()}\n\n## Soak\n\n${block}\n`;
  // The targets table's soak row follows the section.
  const verdict = /<!-- verdict: (.*?) -->/.exec(section)?.[1];
  if (verdict) next = next.replace(/^\| flat RSS in the soak \|.*$/m, soakTargetRow(verdict));
  await writeFile(DOC, next);
}

/** The targets table's row for the soak. */
export function soakTargetRow(verdictText: string): string {
  const met = verdictText.startsWith('flat') ? '**met**' : verdictText.startsWith('not flat') ? '**not met**' : '–';
  return `| flat RSS in the soak | ${verdictText} | ${met} |`;
}

/** The soak's verdict as the targets table shows it, read back from its section. */
export async function soakVerdict(): Promise<string> {
  const match = /<!-- verdict: (.*?) -->/.exec(soakSection(await currentDoc()));
  return match?.[1] ?? 'not run yet';
}
