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

export function bestFact<T extends { text: string }>(question: string, facts: T[], background: Background, itemWords: string[] = []): { fact: T; coverage: number } | undefined {
  const cut = itemWords.map((w) => faqText(w)).filter((w) => w.length > 1).sort((a, b) => b.length - a.length);
  const factPairs = facts.map((f) => pairs(f.text, cut));
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
  return best && best.coverage >= FACT_COVERAGE ? best : undefined;
}
