/**
 * Answers about one item from the catalogue (issue 15): comparisons, suitability, recommendations,
 * what is in the box, specs and any other fact the shop wrote; stock and prices are in
 * skuAnswers.ts. Each answer is a template over data; a fact the data does not hold is never
 * guessed (`handOff`). Pure: the dialog reads the item from the order system first and passes it in.
 */
import { simplify } from '../bot/nlu/normalize.js';
import { asksBeyond, bestFact } from '../knowledge/factSearch.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { compareItems, returnTerms, type PricedItem } from '../knowledge/policy/index.js';
import type { Audience, CatalogueEntry } from '../knowledge/schema.js';
import type { Templates } from '../templates/templates.js';

export interface ItemAnswerDeps {
  templates: Templates;
  knowledge: KnowledgeBase;
}

/** The item a question is about: its id, and its SKUs from the order system when they could be read. */
export interface ItemInQuestion {
  itemId: string;
  /** The other item in view (the one before, or the one in view when the message named another). */
  other?: string;
  skus?: PricedItem;
  /** Made to order (the order system's item), when it could be read. */
  customised?: boolean;
}

export interface ItemAnswer {
  sentences: string[];
  handOff: boolean;
}

export const said = (...sentences: string[]): ItemAnswer => ({ sentences, handOff: false });
export const askAround = (...sentences: string[]): ItemAnswer => ({ sentences, handOff: true });

// ---------------------------------------------------------------------------------- compare

const COMPARE_ASKED = /区别|不同|差别|差异|有啥不一样|有什么不一样|哪个好|哪款好|哪个更|对比|比较|\bvs\b/i;

export function asksComparison(text: string): boolean {
  return COMPARE_ASKED.test(simplify(text));
}


/** Two items: "卫衣和T恤有啥区别", or one named beside the one in view (two SKUs of one item: skuAnswers.ts). */
export function comparisonAnswer({ templates, knowledge }: ItemAnswerDeps, text: string, item?: ItemInQuestion): ItemAnswer | undefined {
  const named = knowledge.catalogue.mentionedIn(text).map((e) => e.itemId);
  const pair = [...new Set([...named, ...[item?.itemId, item?.other].filter((id): id is string => id !== undefined)])].slice(0, 2);
  if (pair.length < 2) return undefined;
  const comparison = compareItems(knowledge.catalogue, pair[0]!, pair[1]!);
  if (!comparison) return undefined;
  // The shop's own comparison says it best; the differing facts only when it wrote none.
  const notes = comparison.notes.map((n) => n.value.text).slice(0, 2);
  const differing = notes.length
    ? []
    : comparison.rows
        .filter((r) => !r.same && (r.kind === 'attribute' || r.kind === 'spec') && typeof r.a?.value === 'string' && typeof r.b?.value === 'string')
        .slice(0, 3)
        .map((r) => ({ what: r.kind === 'attribute' ? templates.label('attribute', r.key) : r.key, a: r.a!.value, b: r.b!.value }));
  const sentence = templates.render('presale.compareItems', { a: comparison.a.name, b: comparison.b.name, notes, differing });
  return notes.length || differing.length ? said(sentence) : askAround(sentence);
}

// ---------------------------------------------------------------------------------- suitability

const AUDIENCE_WORDS: [Audience, RegExp][] = [
  ['pregnant', /孕妇|怀孕|孕期|备孕|孕妈/],
  ['baby', /婴儿|宝宝|新生儿|婴幼儿|月子/],
  ['child', /儿童|孩子|小孩|小朋友|学生/],
  ['sensitive_skin', /敏感肌|皮肤敏感|敏感皮|过敏体质|容易过敏/],
  ['elderly', /老人|老年|长辈|爸妈|父母|爷爷|奶奶|外婆|外公/],
  ['gift', /送人|送礼|礼物|送女朋友|送男朋友|送老婆|送老公|送妈妈|送爸爸|送长辈|送朋友|送同事|礼盒/],
];

export function audienceIn(text: string): Audience | undefined {
  return audiencesIn(text)[0];
}

/** Every audience a message names ("送长辈" is elderly and a gift). */
function audiencesIn(text: string): Audience[] {
  const t = simplify(text);
  return AUDIENCE_WORDS.filter(([, words]) => words.test(t)).map(([audience]) => audience);
}

/** "孕妇能用吗": what the shop wrote for this audience, or a person asked. */
export function suitabilityAnswer({ templates, knowledge }: ItemAnswerDeps, itemId: string, audience: Audience): ItemAnswer {
  const name = knowledge.catalogue.get(itemId)?.name ?? `商品${itemId}`;
  const fact = knowledge.catalogue.suitability(itemId, audience);
  const who = templates.label('audience', audience);
  if (!fact) return askAround(templates.render('presale.suitability', { known: false, name, who }));
  return said(templates.render('presale.suitability', { known: true, name, who, suitable: fact.value.suitable, note: fact.value.note }));
}

// ---------------------------------------------------------------------------------- recommend

const RECOMMEND_ASKED = /推荐|哪款好|买哪个|买哪款|选哪个|选哪款|哪个适合|哪款适合|有没有适合|有适合|用啥好|用什么好|买点啥|买什么好|买啥好|送啥|送什么好|送点啥|送点什么|有啥合适/;

export function asksRecommendation(text: string): boolean {
  return RECOMMEND_ASKED.test(simplify(text));
}

/**
 * "送长辈推荐哪款": the items the shop says suit that audience. Another need ("办公室泡茶用啥好",
 * "老人洗澡怕滑"): the item whose own facts hold it best (knowledge/factSearch.ts over the whole
 * catalogue, each fact with its item's name). None: a person.
 */
export function recommendationAnswer(deps: ItemAnswerDeps, text: string): ItemAnswer {
  const { templates, knowledge } = deps;
  const audiences = audiencesIn(text);
  const category = knowledge.catalogue.categories().find((c) => simplify(text).includes(c));
  const suiting = knowledge.catalogue.all().filter((e) => audiences.length > 0 && audiences.every((a) => e.suitability[a]?.suitable === true) && (!category || e.category === category));
  const needFacts = (entries: CatalogueEntry[]) =>
    entries.flatMap((e) => factsOf(deps, e.itemId).map((f) => ({ entry: e, note: f.text, text: `${e.name} ${e.keywords.join(' ')} ${f.text}` })));
  if (suiting.length) {
    // "送长辈喝茶的礼物": among the items for those people, the one whose facts hold the rest of the need, if one does.
    const need = bestFact(AUDIENCE_WORDS.reduce((t, [, words]) => t.replace(new RegExp(words.source, 'g'), ' '), simplify(text)), needFacts(suiting), knowledge.faq.background);
    const chosen = need ? [need.fact.entry] : suiting;
    const audience = audiences[0]!;
    const items = chosen.slice(0, 4).map((e) => ({ name: e.name, note: e.suitability[audience]!.note }));
    return said(templates.render('presale.recommend', { found: true, who: audiences.map((a) => templates.label('audience', a)).join('、'), items, several: items.length > 1 }));
  }
  const best = bestFact(text, needFacts(knowledge.catalogue.all()), knowledge.faq.background);
  if (!best) return askAround(templates.render('presale.recommend', { found: false }));
  return said(templates.render('presale.recommend', { found: true, who: false, items: [{ name: best.fact.entry.name, note: best.fact.note }], several: false }));
}

// ---------------------------------------------------------------------------------- box and specs

const IN_BOX_ASKED = /包装|盒里|盒子里|里面有|都有啥|都有什么|寄来有|寄过来|有啥东西|几样|配件|带什么|含什么|几件套|一套几|附带|说明书|带不带|有没有带|裸鞋|裸管|裸发|(带|有|送|配)(勺子?|盒子?|袋子?|说明书|吊牌|合格证|鞋带|礼盒)/;

export function inBoxAnswer({ templates, knowledge }: ItemAnswerDeps, text: string, itemId: string): ItemAnswer | undefined {
  if (!IN_BOX_ASKED.test(simplify(text))) return undefined;
  const name = knowledge.catalogue.get(itemId)?.name ?? `商品${itemId}`;
  const box = knowledge.catalogue.inBox(itemId);
  if (!box) return askAround(templates.render('presale.inBox', { known: false, name }));
  return said(templates.render('presale.inBox', { known: true, name, contents: box.value }));
}

/** Words buyers use for a spec the shop names otherwise. */
const SPEC_WORDS: Record<string, RegExp> = {
  容量: /容量|多大|多少毫升|多少ml|几毫升|装多少/i,
  净含量: /净含量|多少克|几克|多重|分量|有多少/,
  重量: /重量|多重|几克|轻不轻|重不重/,
  厚度: /厚度|多厚|厚不厚|薄不薄|厚吗|薄吗|加厚|透不透/,
  抽数: /抽数|几抽|多少抽|多少张|几张/,
  层数: /层数|几层/,
  保温: /保温|保暖多久/,
  保冷: /保冷|冰多久/,
  尺寸: /尺寸|多高|多长|多宽|多大/,
  单张尺寸: /尺寸|多大|多长|多宽/,
  单片尺寸: /尺寸|多大|多长|多宽/,
  鞋底厚度: /鞋底|增高/,
  版型: /版型|宽松|修身|显瘦/,
  质地: /质地|干不干|滋润|拔干/,
  色号: /色号|什么颜色|显白/,
  组成: /几件|组成|几个杯|几个/,
};

export function specAnswer({ templates, knowledge }: ItemAnswerDeps, text: string, itemId: string): ItemAnswer | undefined {
  const t = simplify(text).toLowerCase();
  const specs = knowledge.catalogue.specs(itemId);
  const asked = specs.filter(({ value }) => t.includes(value.name.toLowerCase()) || SPEC_WORDS[value.name]?.test(t));
  if (!asked.length) return undefined;
  const name = knowledge.catalogue.get(itemId)?.name ?? `商品${itemId}`;
  const sentence = templates.render('presale.specs', { name, specs: asked.slice(0, 2).map((s) => s.value) });
  // "帽子能拆下来吗": the spec is named, but the yes-or-no is about what its text does not say — shown, and the rest asked around.
  const beyond = asksYesOrNo(t) && asked.every(({ value }) => t.includes(value.name.toLowerCase()) && asksBeyond(t, value.text, [value.name]));
  return beyond ? askAround(templates.render('presale.product', { itemId, name }), sentence) : said(sentence);
}

/** A yes-or-no question ("能拆吗", "可不可以换"), not one asking what, how much or which. */
export function asksYesOrNo(text: string): boolean {
  const t = simplify(text);
  return YES_NO.test(t) && !WH_WORDS.test(t);
}
const YES_NO = /吗|么|嘛|能不能|可不可以|可以不|是不是|会不会|有没有|行不行|[不没][?？]?$/;
const WH_WORDS = /多少|多[大重长宽高厚久]|几|什么|啥|怎么|咋|哪/;

// ---------------------------------------------------------------------------------- any other fact

/** The text with the item's name and keywords cut out: what is left is said about it. */
export function itemWordsCut(knowledge: KnowledgeBase, text: string, itemId: string): string {
  const entry = knowledge.catalogue.get(itemId);
  const words = [entry?.name ?? '', ...(entry?.keywords ?? [])].filter((w) => w.length > 1).sort((a, b) => b.length - a.length);
  return words.reduce((t, w) => t.split(w).join(' '), simplify(text));
}

/** The question about the item without its name ("保温杯能刻字吗" → 能刻字吗); the text itself if it is only the name. */
export function withoutItemWords(knowledge: KnowledgeBase, text: string, itemId: string): string {
  const kept = itemWordsCut(knowledge, text, itemId);
  return kept.trim() ? kept : text;
}

/** Every fact the shop wrote about the item, each with what it is about. */
function factsOf({ templates, knowledge }: ItemAnswerDeps, itemId: string): { what: string; text: string }[] {
  const entry = knowledge.catalogue.get(itemId);
  if (!entry) return [];
  return [
    ...knowledge.catalogue.attributes(itemId).map(({ value }) => ({ what: templates.label('attribute', value.attribute), text: value.text })),
    ...knowledge.catalogue.specs(itemId).map(({ value }) => ({ what: value.name, text: value.text })),
    ...Object.entries(entry.suitability).map(([audience, s]) => ({ what: templates.label('audience', audience), text: s.note })),
    ...(entry.inBox ? [{ what: templates.label('fact', 'inBox'), text: entry.inBox.join('、') }] : []),
    ...entry.notes.map((n) => ({ what: templates.label('fact', 'note'), text: n.text })),
    ...(entry.sizeChart?.fit ? [{ what: templates.label('fact', 'fit'), text: entry.sizeChart.fit }] : []),
  ];
}

/** The one fact the question is about when no rule above named it (knowledge/factSearch.ts). */
export function factAnswer(deps: ItemAnswerDeps, text: string, itemId: string): ItemAnswer | undefined {
  const entry = deps.knowledge.catalogue.get(itemId);
  if (!entry) return undefined;
  const found = bestFact(text, factsOf(deps, itemId), deps.knowledge.faq.background, [entry.name, ...entry.keywords]);
  if (!found) return undefined;
  return said(deps.templates.render('presale.attribute', { name: entry.name, what: found.fact.what, text: found.fact.text }));
}

// ---------------------------------------------------------------------------------- return terms

/** "能七天无理由吗" before buying: the item's return terms (knowledge/policy/returnTerms.ts). */
export function returnTermsAnswer({ templates, knowledge }: ItemAnswerDeps, item: ItemInQuestion, now: Date): ItemAnswer {
  const name = knowledge.catalogue.get(item.itemId)?.name ?? `商品${item.itemId}`;
  if (item.customised === undefined) return askAround(templates.render('presale.product', { itemId: item.itemId, name }));
  const category = knowledge.catalogue.categoryOf(item.itemId);
  const terms = returnTerms(knowledge, { category, customised: item.customised }, now);
  return said(templates.render('presale.returnTerms', { name, category: category ?? false, ...terms, notBecause: terms.notBecause ?? false, windowDays: terms.windowDays ?? false }));
}
