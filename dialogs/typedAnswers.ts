/**
 * Typed answers to the bot's questions, for buyers who type instead of pressing a button
 * (BUYERS.md: "可以", "第二个", "黑色的", "大衣那单", a pasted order number). Pure: no bot SDK
 * types, no I/O. The prompts (flowDialog.ts) and MainDialog ask the same function, so "is this an
 * answer?" and "which answer is it?" never disagree.
 *
 * In order, the first rule that decides wins:
 * 1. the text is an option's label (a button click sends exactly that) or one of its phrases;
 * 2. a pasted order id names an offered order (an order question also takes one not offered);
 * 3. yes/no words, when the options say which one is "yes" and which "no" (or "yes" to the only option);
 * 4. a position: "第二个", "2", "二", "第一单", "最后一个", "倒数第二个";
 * 5. a fragment that names exactly one option best ("L码", "黑色的", "那件大衣", "大衣那单");
 * 6. the intent recognized in the text, when an option stands for it ("想退" → 退货退款).
 */
import { joinSpacedDigits } from '../bot/nlu/ids.js';
import { simplify } from '../bot/nlu/normalize.js';

export interface AnswerOption {
  /** What the prompt returns when this option is chosen. */
  value: string;
  /** The button's text. */
  label: string;
  /** Other words that name this option: SKU values, item titles, synonyms ("不喜欢", "小了"). */
  phrases?: string[];
  /** Intents that, recognized in a typed answer, mean this option. */
  intents?: string[];
  /** For questions a plain yes or no answers: which of the two this option is. */
  polarity?: 'yes' | 'no';
  /** The order this option stands for (order questions). */
  tid?: string;
}

export interface Question {
  /** `order`: the options are the buyer's orders, and any of the buyer's order ids is an answer. */
  kind: 'choice' | 'order';
  options: AnswerOption[];
}

/** What the buyer sent, with what the recognizer made of it. */
export interface Said {
  text: string;
  orderIds?: readonly string[];
  intent?: string;
  confidence?: number;
}

export type Resolution =
  | { status: 'picked'; value: string; how: 'label' | 'order' | 'yesno' | 'position' | 'fragment' | 'intent' }
  /** An order id that is not among the options (order questions only): use that order. */
  | { status: 'order'; tid: string }
  /** Several options fit equally well. */
  | { status: 'ambiguous'; values: string[] }
  | { status: 'none' };

/** Below this share of the typed fragment matched, it does not name the option. */
const MIN_COVERAGE = 0.6;
/** The recognizer must be at least this sure for an intent to pick an option. */
const MIN_INTENT_CONFIDENCE = 0.5;

const YES = [
  '是', '对', '好', '行', '要', '可以', '可', '嗯', '恩', 'ok', 'okk', 'okay', 'yes', 'y', 'en', 'hao', 'keyi', '需要', '没问题', '没错', '同意',
  '愿意', '当然', '当然可以', '确定', '确认', '好嘞', '对头', '中', '成', '要得', '必须', '那好', '那行', '那就好', '就这样', '就这个', '就它', '好吧', '行吧', '可以可以',
];
const NO = [
  '不', '不用', '不要', '不是', '不对', '没有', '没', '没呢', '还没', '还没有', 'no', 'n', 'nope', '不行', '不可以', '不需要', '不想', '不愿意', '别',
  '否', '不了', '不必', '没必要', '不同意', '不好', '并没有', '木有', '不太行',
];
/** Endings that add tone but no meaning: 好的 = 好, 不用了 = 不用, 可以的谢谢 = 可以. */
const TRAILING = /(?:了|啦|哈|呀|啊|哦|噢|喔|呢|吧|的|滴|哒|嘛|亲|呗|哟|嘞|咯|谢谢|谢啦|多谢|谢谢你|谢谢亲|3q|thx|thanks|thank you)+$/;
const LEADING = /^(?:嗯|恩|哦|噢|喔|额|呃|啊)+/;

const CN_NUMBERS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const PICK_VERB = '(?:我选|我要|选|要|就|就要|就选)?';
const CLASSIFIER = '(?:个|单|件|项|种|笔|条|样|款|双|行|号|位)?';
const ORDINAL = new RegExp(`^${PICK_VERB}(第)?(\\d{1,2}|[一二三四五六七八九十])${CLASSIFIER}$`);
const FROM_END = new RegExp(`^${PICK_VERB}(?:最后|最下面|最底下|最末)(?:的)?(?:那|一)?${CLASSIFIER}$|^${PICK_VERB}倒数第(\\d|[一二三四五六七八九十])${CLASSIFIER}$`);
const NEWEST = new RegExp(`^${PICK_VERB}(?:最新|最近|刚刚|刚才|刚)(?:买|拍|下单|下)?(?:的)?(?:那|一)?${CLASSIFIER}$`);

/** Words around a fragment that do not name anything ("我要那件黑色的吧" → "黑色"). */
const FILLER = /我要|我想|我选|就要|就选|换成|换个|要换|那一个|那个|这个|那件|这件|那款|这款|那双|这双|那单|这单|那笔|这笔|那条|这条|那种|这种|的|吧|呀|啊|哦|呢|哈|啦|嘛|亲|码/g;
const LEADING_VERB = /^(?:我|就|那就|那|还是)?(?:要|选|拿|换)/;
/** A fragment asked as a question still names the option: "黑色的有吗", "换L可以吗". */
const ASKING = /(?:有吗|有没有|有没|行吗|行不行|可以吗|可以不|可以|也行|就行|就好|好了|一下|下|吗|么|幺)+$/;
/** Colours a single character may name ("黑的" → 黑色). */
const COLOUR_CHARS = '黑白红蓝绿黄灰粉紫棕橙银金米杏';

/** Lower case, full-width → half-width, traditional → simplified, only Han, letters and digits. */
export function compact(text: string): string {
  return joinSpacedDigits(simplify(text))
    .toLowerCase()
    .replace(/[^\p{Script=Han}a-z0-9]+/gu, '');
}

function stripTone(text: string): string {
  let t = text;
  for (let previous = ''; previous !== t; ) {
    previous = t;
    t = t.replace(TRAILING, '').replace(LEADING, '');
  }
  return t;
}

/** A yes/no answer: "可以", "好的", "嗯嗯", "行吧", "不用了", "不是的", "没有" (never 算了: that cancels). */
export function yesNo(text: string): 'yes' | 'no' | undefined {
  if (/[👌👍]/u.test(text)) return 'yes';
  const c = compact(text);
  const t = stripTone(c);
  // 嗯, 嗯嗯, 嗯呢, 恩恩: nothing but assent.
  if (t === '' && /^[嗯恩]/.test(c)) return 'yes';
  const repeated = (words: string[]) => words.some((w) => new RegExp(`^(?:(?:${w})(?:的|滴|哒|了|啦|呀|吧|哈)?)+$`).test(c));
  if (NO.includes(t) || repeated(['不要', '不用', '不是', '不行', '没有'])) return 'no';
  if (YES.includes(t) || repeated(['好', '行', '对', '是', '可以', '嗯', 'ok'])) return 'yes';
  return undefined;
}

/** 1-based position named by "第二个", "2", "二", "最后一个", "倒数第二"; undefined if none or out of range. */
export function position(text: string, count: number, kind: Question['kind'] = 'choice'): number | undefined {
  const c = stripTone(compact(text));
  const toNumber = (s: string) => CN_NUMBERS[s] ?? Number(s);
  let n: number | undefined;
  const ordinal = c.match(ORDINAL);
  const fromEnd = c.match(FROM_END);
  if (ordinal) n = toNumber(ordinal[2]!);
  else if (fromEnd) n = count + 1 - (fromEnd[1] ? toNumber(fromEnd[1]) : 1);
  else if (kind === 'order' && NEWEST.test(c)) n = 1; // orders are offered newest first
  return n !== undefined && n >= 1 && n <= count ? n : undefined;
}

function stripFiller(text: string): string {
  return text.replace(FILLER, '').replace(LEADING_VERB, '');
}

/** Where `needle` occurs in `hay`, not inside a run of letters/digits ("l" is not in "xl"); -1 if nowhere. */
function find(hay: string, needle: string): number {
  const latin = /[a-z0-9]/;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const before = hay[i - 1];
    const after = hay[i + needle.length];
    const edgeOk = (ch: string | undefined, inner: string | undefined) => !(ch && inner && latin.test(ch) && latin.test(inner));
    if (edgeOk(before, needle[0]) && edgeOk(after, needle.at(-1))) return i;
  }
  return -1;
}

/** The words naming an option: its label and phrases, whole and split at separators, without filler. */
export function phrasesOf(option: AnswerOption): string[] {
  const raw = [option.label, ...(option.phrases ?? [])];
  const parts = raw.flatMap((p) => [p, ...p.split(/[\s/／·・,，、;；()（）|｜#＃+＋-]+/)]);
  const words = parts.map((p) => stripFiller(compact(p))).filter((p) => p.length > 0);
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/** The longest run (2+ characters, letters and digits whole) that `text` and `phrase` share. */
function longestShared(text: string, phrase: string): string {
  for (let length = Math.min(text.length, phrase.length); length >= 2; length--) {
    for (let i = 0; i + length <= text.length; i++) {
      const run = text.slice(i, i + length);
      if (!run.includes('|') && find(phrase, run) >= 0 && find(text, run) >= 0) return run;
    }
  }
  return '';
}

/**
 * How many characters of the fragment `core` the option's phrases account for: `whole` by whole
 * phrases ("黑色", "l", "穿过"), `total` adding pieces of longer names ("大衣" of 双面羊毛大衣,
 * "运动鞋" of 轻跑透气运动鞋). A whole phrase says more than a piece: "穿过一次" is 穿过, not 没穿过.
 */
function matched(core: string, phrases: string[]): { whole: number; total: number } {
  let rest = core;
  let consumed = 0;
  const take = (run: string) => {
    const i = find(rest, run);
    consumed += run.length;
    rest = `${rest.slice(0, i)}|${rest.slice(i + run.length)}`;
  };
  for (const phrase of phrases) while (find(rest, phrase) >= 0) take(phrase);
  const whole = consumed;
  for (;;) {
    const run = phrases.map((p) => longestShared(rest, p)).reduce((a, b) => (b.length > a.length ? b : a), '');
    if (!run) break;
    take(run);
  }
  // A colour by one character: "黑的" → 黑色.
  if (consumed === 0 && COLOUR_CHARS.includes(core) && phrases.some((p) => p.includes(core))) return { whole: 0, total: core.length };
  return { whole, total: consumed };
}

/**
 * The option(s) a fragment names best, if it names any well enough. Words every option shares
 * (吊牌 in "吊牌包装都在" / "拆了吊牌") are the subject, not a choice: they do not count against it.
 */
export function byFragment(text: string, options: AnswerOption[]): string[] {
  const core = stripFiller(compact(text).replace(TRAILING, '').replace(ASKING, '')).replace(TRAILING, '');
  if (!core) return [];
  const phrases = options.map(phrasesOf);
  const shared = options.length > 1 ? [...core].filter((ch) => phrases.every((ps) => ps.some((p) => p.includes(ch)))).length : 0;
  const choosing = Math.max(1, core.length - shared);
  const scored = options
    .map((o, i) => ({ value: o.value, ...matched(core, phrases[i]!) }))
    .filter((s) => s.total > 0 && s.total / choosing >= MIN_COVERAGE);
  const bestWhole = Math.max(0, ...scored.map((s) => s.whole));
  const byWhole = scored.filter((s) => s.whole === bestWhole);
  const bestTotal = Math.max(0, ...byWhole.map((s) => s.total));
  return byWhole.filter((s) => s.total === bestTotal).map((s) => s.value);
}

export function resolveAnswer(question: Question, said: Said): Resolution {
  const { options } = question;
  const text = said.text ?? '';
  const c = compact(text);
  if (!c && !/[👌👍]/u.test(text)) return { status: 'none' };

  // 1. A label or phrase, exactly (a button click, or the buyer typing it out).
  const exact = options.filter((o) => compact(o.label) === c || (o.phrases ?? []).some((p) => compact(p) === c));
  if (exact.length === 1) return { status: 'picked', value: exact[0]!.value, how: 'label' };

  // 2. A pasted order id.
  const tid = said.orderIds?.[0];
  if (tid) {
    const offered = options.find((o) => o.tid === tid);
    if (offered) return { status: 'picked', value: offered.value, how: 'order' };
    if (question.kind === 'order') return { status: 'order', tid };
  }

  // 3. Yes or no.
  const answer = yesNo(text);
  if (answer) {
    const fitting = options.filter((o) => o.polarity === answer);
    if (fitting.length === 1) return { status: 'picked', value: fitting[0]!.value, how: 'yesno' };
    // The only option on offer: "好的" takes it.
    if (answer === 'yes' && options.length === 1) return { status: 'picked', value: options[0]!.value, how: 'yesno' };
  }

  // 4. A position.
  const n = position(text, options.length, question.kind);
  if (n !== undefined) return { status: 'picked', value: options[n - 1]!.value, how: 'position' };

  // 5. A fragment of one option's name.
  const named = byFragment(text, options);
  if (named.length === 1) return { status: 'picked', value: named[0]!, how: 'fragment' };
  if (named.length > 1) return { status: 'ambiguous', values: named };

  // 6. What the recognizer understood, where an option stands for that intent.
  if (said.intent && (said.confidence ?? 0) >= MIN_INTENT_CONFIDENCE) {
    const meant = options.filter((o) => o.intents?.includes(said.intent!));
    if (meant.length === 1) return { status: 'picked', value: meant[0]!.value, how: 'intent' };
  }
  return { status: 'none' };
}

/**
 * Whether the text itself asks for a person ("转人工", "要真人", "找客服"): at a free-text question
 * an answer such as the invoice title "个人" must not be taken for one.
 */
export function asksForPerson(text: string): boolean {
  return /人工|真人|客服|活人|转人|找人|主管|经理|human|agent|manual/i.test(simplify(text));
}

/**
 * Whether the text itself calls the matter off ("算了", "取消", "不开了"): at a free-text question
 * a bare "不用"/"不需要" is an answer (no tax id), not a cancellation.
 */
export function asksToStop(text: string): boolean {
  return /算了|取消|不弄了|不办了|不开了|不退了|不换了|不改了|不投诉了|不评了|不说了|不想弄了|先这样吧|cancel/i.test(simplify(text));
}

const RESUME_VERB = /^(?:还是|那就|那|我要|我想|先|请)*(?:继续|接着|回到|返回|回去|回)/;
const RESUME_REST = /办|弄|处理|说|聊|刚才|之前|上一个|上个|原来|前面|刚刚|那个|那件事|事情|事|问题|流程|的|吧|呗|了|呀|啊|哦|一下|下/g;
const EARLIER = /^(?:刚才|之前|刚刚|上一个|前面)(?:的|那个|那件事|事情|事|问题)*$/;

/**
 * Whether the buyer asks to go back to a paused flow: "继续", "继续刚才的", "回到刚才", "刚才那个",
 * or the flow by name ("继续换货" for `names` ["换货"]). Naming another flow ("继续退款") is not.
 */
export function isResumeRequest(text: string, names: readonly string[]): boolean {
  const c = stripTone(compact(text));
  if (!c) return false;
  if (EARLIER.test(c)) return true;
  if (!RESUME_VERB.test(c)) return false;
  const rest = c.replace(RESUME_VERB, '').replace(RESUME_REST, '');
  return rest === '' || names.some((n) => compact(n).replace(RESUME_REST, '') === rest);
}
