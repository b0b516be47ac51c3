/**
 * `npm run eval:presale`: the pre-sales questions of test/presale-eval/ (written apart from the
 * FAQ and the bot's answers; its README says how) typed to Kefu, each in a new conversation with
 * the demo shop, the clock at the set's date and, where a question has one, the item in view
 * passed the way the shop page passes it. Each answer is judged against the expected facts:
 * correct, rightly handed off, wrong (including handed off although the data answers, and asked
 * back), invented (a `never` string said, or an answer given where the data holds none).
 * Writes docs/presale-eval.md.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TestAdapter, type Activity } from 'botbuilder';
import { parse } from 'yaml';
import { z } from 'zod';
import { createKefu } from '../bot/app.js';
import { loadConfig } from '../bot/config.js';
import { createLogger } from '../bot/logger.js';
import { unescapeText } from '../templates/escape.js';
import { Templates } from '../templates/templates.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'test/presale-eval' },
    out: { type: 'string', default: 'docs/presale-eval.md' },
    /** The moment the set's prices and promotions were computed for. */
    now: { type: 'string', default: '2026-11-23T10:00:00+08:00' },
  },
});

const question = z.strictObject({
  q: z.string().min(1).max(500),
  item: z.union([z.string(), z.number()]).transform(String).optional(),
  expect: z.union([z.literal('handoff'), z.array(z.union([z.string(), z.number()]).transform(String)).min(1)]),
  all: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
  never: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
});
type Question = z.infer<typeof question> & { topic: string };

type Verdict = 'correct' | 'handed_off' | 'wrong' | 'invented';
interface Judged {
  question: Question;
  verdict: Verdict;
  /** Why a wrong one is wrong. */
  why?: 'missing_fact' | 'handed_off_needlessly' | 'asked_back' | 'no_handoff';
  reply: string;
}

async function loadSet(dir: string): Promise<Question[]> {
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const all: Question[] = [];
  for (const file of files) {
    const parsed = z.array(question).safeParse(parse(await readFile(join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`${dir}/${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    all.push(...parsed.data.map((q) => ({ ...q, topic: file.replace(/\.ya?ml$/, '') })));
  }
  return all;
}

const now = new Date(values.now!);
const kefu = await createKefu(loadConfig({ LOG_LEVEL: 'silent' }), createLogger('silent'), { clock: () => now });
const templates = await Templates.load();
const handOffOffer = templates.render('presale.askHandoff', {});
/** Questions back to the buyer: which item, which measurements, the menu after a misunderstanding. */
const askedBack = [templates.render('presale.whichItem'), '您看的是哪一款', '告诉小满您的', '没太看懂'];

async function ask(q: Question, n: number): Promise<string> {
  const conversationId = `eval-${n}`;
  const adapter = new TestAdapter((context) => {
    context.activity.from = { id: 'tb_eval_buyer', name: 'tb_eval_buyer' };
    context.activity.conversation = { ...context.activity.conversation, id: conversationId };
    context.activity.locale = 'zh-CN';
    return kefu.bot.onTurn(context);
  });
  const activity: Partial<Activity> = { type: 'message', text: q.q, ...(q.item ? { channelData: { itemId: q.item } } : {}) };
  await adapter.receiveActivity(activity);
  const replies = adapter.activeQueue.splice(0).filter((a) => a.type === 'message');
  return replies.map((a) => unescapeText(a.text ?? '')).filter(Boolean).join('\n');
}

function judge(q: Question, reply: string): Judged {
  const flat = reply.replace(/\s+/g, '');
  const has = (s: string) => flat.includes(s.replace(/\s+/g, ''));
  const handedOff = reply.includes(handOffOffer);
  if ((q.never ?? []).some(has)) return { question: q, verdict: 'invented', reply };
  if (q.expect === 'handoff') {
    if (handedOff) return { question: q, verdict: 'handed_off', reply };
    if (askedBack.some((a) => reply.includes(a))) return { question: q, verdict: 'wrong', why: 'asked_back', reply };
    return { question: q, verdict: 'invented', why: 'no_handoff', reply };
  }
  if (q.expect.some(has) && (q.all ?? []).every(has)) return { question: q, verdict: 'correct', reply };
  if (handedOff) return { question: q, verdict: 'wrong', why: 'handed_off_needlessly', reply };
  if (askedBack.some((a) => reply.includes(a))) return { question: q, verdict: 'wrong', why: 'asked_back', reply };
  return { question: q, verdict: 'wrong', why: 'missing_fact', reply };
}

const set = await loadSet(values.dir!);
const judged: Judged[] = [];
for (const [n, q] of set.entries()) judged.push(judge(q, await ask(q, n)));

const count = (list: Judged[], v: Verdict) => list.filter((j) => j.verdict === v).length;
const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '–');
const row = (name: string, list: Judged[]) =>
  `| ${name} | ${list.length} | ${count(list, 'correct')} | ${count(list, 'handed_off')} | ${count(list, 'wrong')} | ${count(list, 'invented')} | ${pct(count(list, 'correct') + count(list, 'handed_off'), list.length)} |`;
const topics = [...new Set(set.map((q) => q.topic))];
const good = count(judged, 'correct') + count(judged, 'handed_off');
const clip = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n)}…` : s).replace(/\|/g, '\\|').replace(/\n/g, ' ⏎ ');
const failures = judged.filter((j) => j.verdict === 'wrong' || j.verdict === 'invented');

const report = [
  '# Pre-sales evaluation',
  '',
  `Written by \`npm run eval:presale\` on ${new Date().toISOString().slice(0, 10)}: ${set.length} typed questions from \`${values.dir}/\``,
  `(written apart from the FAQ and from the bot's answers; see its README), each in a new conversation with the demo shop, the clock at ${values.now}.`,
  'A question with an item has it passed as the shop page passes it (channelData.itemId).',
  '',
  '**correct**: the reply holds an expected fact (and every `all` fact); **handed off**: the data does not answer and the bot said it would ask and offered a pre-sales agent;',
  '**wrong**: an expected fact missing, a hand-off although the data answers, or a question back to the buyer; **invented**: the reply says something the set marks as false (`never`), or answers where the data holds no answer.',
  '',
  `Targets (issue #15): ≥ 90% correct or rightly handed off, 0 invented. **Result: ${pct(good, set.length)} correct or rightly handed off, ${count(judged, 'invented')} invented.**`,
  '',
  '| topic | questions | correct | handed off | wrong | invented | correct or handed off |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...topics.map((t) => row(t, judged.filter((j) => j.question.topic === t))),
  row('**all**', judged),
  '',
  `Wrong, by reason: ${(['missing_fact', 'handed_off_needlessly', 'asked_back'] as const).map((w) => `${w.replace(/_/g, ' ')} ${judged.filter((j) => j.why === w).length}`).join(', ')}.`,
  '',
  '## Not right',
  '',
  '| topic | question | item | expected | verdict | reply |',
  '| --- | --- | --- | --- | --- | --- |',
  ...failures.map(
    (j) =>
      `| ${j.question.topic} | ${clip(j.question.q, 60)} | ${j.question.item ?? ''} | ${clip(j.question.expect === 'handoff' ? 'hand off' : j.question.expect.join(' / '), 60)} | ${j.verdict}${j.why ? ` (${j.why.replace(/_/g, ' ')})` : ''} | ${clip(j.reply)} |`,
  ),
  '',
].join('\n');
await writeFile(values.out!, report);
console.log(`${set.length} questions: ${count(judged, 'correct')} correct, ${count(judged, 'handed_off')} handed off, ${count(judged, 'wrong')} wrong, ${count(judged, 'invented')} invented (${pct(good, set.length)} correct or handed off); wrote ${values.out}`);
process.exit(0);
