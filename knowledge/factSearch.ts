/**
 * Finding, among one item's facts (its attributes, specs, notes, what is in the box), the one a
 * question is about when no rule names it: "能烘干嘛" → the care line that says 不可烘干, "莆田产
 * 的" → the origin. A fact answers when it holds most of the question's informative character
 * pairs, weighted by how rare each pair is in buyer messages (the FAQ's background), with the
 * item's own name and keywords cut out of both (the item is known; its name says nothing about the
 * question). Below FACT_COVERAGE nothing is returned and the bot asks a person. Pure.
 */
import { faqText, PARTICLES, type Background } from './faq.js';

/**
 * Share of the question's weight a fact must hold. At 0.3 a one-topic question ("能烘干嘛": 烘干)
 * is found, while a question about something else that shares only a common pair with a fact
 * ("长痘能用吗" and 夏天也能用) is not; see test/unit/factSearch.test.ts.
 */
export const FACT_COVERAGE = 0.3;

/** Characters that make questions, not topics: a pair of two of them ("能用", "可以", "多少") is no evidence. */
const FUNCTION_CHARS = new Set('能可以用会要是有不没吗呢的了吧啊么什怎多少几哪这那个款件还就都很也和跟给让被把在到去来说看想得');

/** Character pairs of the text, none across or inside the `cut` words (the item's name: "T恤是…" has no pair 恤是). */
function pairs(text: string, cut: string[] = []): Set<string> {
  const out = new Set<string>();
  const segments = cut.reduce((parts, word) => parts.flatMap((part) => part.split(word)), [faqText(text)]);
  for (const segment of segments) {
    const chars = [...faqText(segment, PARTICLES)];
    for (let i = 0; i + 2 <= chars.length; i++) if (!(FUNCTION_CHARS.has(chars[i]!) && FUNCTION_CHARS.has(chars[i + 1]!))) out.add(chars.slice(i, i + 2).join(''));
  }
  return out;
}

/** Whether the question, the `cut` words taken out, asks something (an informative pair) of which `text` holds nothing. */
export function asksBeyond(question: string, text: string, cut: string[] = []): boolean {
  const held = pairs(text);
  const asked = [...pairs(question, cut.map((w) => faqText(w)))];
  return asked.length > 0 && asked.every((p) => !held.has(p));
}

/**
 * Questions that ask for a measurement ("几克", "多重", "几度穿合适", "多大一片") and how a fact
 * states one: a number with a unit of that kind. Such a question is answered by a fact that states
 * one, whatever else the fact says (the fabric line "克重200g/㎡" answers "几克的").
 */
const MEASURES: { asked: RegExp; stated: RegExp }[] = [
  { asked: /几克|多少克|多重|多沉|重量|几斤|多少斤|几两/, stated: /\d\s*(?:g|克|kg|千克|公斤|斤)/i },
  { asked: /几度|多少度|什么温度|啥温度|温度多少/, stated: /\d\s*(?:℃|度)/ },
  { asked: /多大|尺寸|多宽|多长|多高|长宽/, stated: /\d\s*(?:mm|cm|毫米|厘米)|\d\s*[×x*]\s*\d/i },
  { asked: /容量|多少毫升|几毫升|装多少水|多少ml/i, stated: /\d\s*(?:ml|毫升|升)/i },
];

/**
 * The fact a question is about: among the facts, the one holding most of the question's weight
 * (at least FACT_COVERAGE), or, for a question asking a measurement, the fact stating one that
 * holds most. A fact is matched on what it is about and its text (`what`: "重量", "产地").
 */
export function bestFact<T extends { what?: string; text: string }>(question: string, facts: T[], background: Background, itemWords: string[] = []): { fact: T; coverage: number } | undefined {
  const measure = MEASURES.find((m) => m.asked.test(question));
  const measured = measure ? facts.filter((f) => measure.stated.test(f.text)) : [];
  if (measured.length > 0) return mostCovering(question, measured, background, itemWords) ?? { fact: measured[0]!, coverage: 0 };
  const best = mostCovering(question, facts, background, itemWords);
  return best && best.coverage >= FACT_COVERAGE ? best : undefined;
}

function mostCovering<T extends { what?: string; text: string }>(question: string, facts: T[], background: Background, itemWords: string[]): { fact: T; coverage: number } | undefined {
  const cut = itemWords.map((w) => faqText(w)).filter((w) => w.length > 1).sort((a, b) => b.length - a.length);
  const factPairs = facts.map((f) => new Set([...pairs(f.what ?? '', cut), ...pairs(f.text, cut)]));
  const inFacts = new Set(factPairs.flatMap((p) => [...p]));
  const asked = [...pairs(question, cut)];
  const rarest = Math.log(background.size + 1) + 1;
  // A pair no buyer message has is rare, hence telling, when a fact has it; when none has it
  // either, it often straddles two words ("有荧" in 有荧光剂吗) and counts half.
  const weight = (p: string) => (background.df.has(p) ? Math.log((background.size + 1) / (background.df.get(p)! + 1)) + 1 : inFacts.has(p) ? rarest : rarest / 2);
  const total = asked.reduce((sum, p) => sum + weight(p), 0);
  if (total === 0) return undefined;
  let best: { fact: T; coverage: number } | undefined;
  for (const [i, fact] of facts.entries()) {
    const has = factPairs[i]!;
    const coverage = asked.filter((p) => has.has(p)).reduce((sum, p) => sum + weight(p), 0) / total;
    if (coverage > (best?.coverage ?? 0)) best = { fact, coverage };
  }
  return best;
}
