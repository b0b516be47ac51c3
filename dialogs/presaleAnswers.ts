/**
 * Pre-sales answers from the shop's own data (docs/presale.md): shipping from the profile,
 * promotions from promotions.yaml, size from the item's chart, product questions from the FAQ and
 * the catalogue. Each answer is a template over data; what the data does not say is never guessed:
 * the answer says we will ask and sets `handOff`. Pure: no bot SDK types, `now` passed in.
 */
import { extractEntities } from '../bot/nlu/entities.js';
import { simplify } from '../bot/nlu/normalize.js';
import { asksBeyond } from '../knowledge/factSearch.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { courierIn, deliveryEstimate, dispatchEstimate, postage, sizeAdvice, sizeRow, type Measurements } from '../knowledge/policy/index.js';
import { shanghaiDate } from '../knowledge/policy/time.js';
import type { Fen } from '../knowledge/policy/money.js';
import { provinceIn } from '../knowledge/regions.js';
import type { Attribute } from '../knowledge/schema.js';
import { formatYuan } from '../templates/format.js';
import type { Templates } from '../templates/templates.js';
import { shippingTopics } from './clauses.js';
import { asksPromotionFirst, promotionsAnswer } from './promotionAnswers.js';
import {
  asksComparison,
  asksRecommendation,
  asksYesOrNo,
  audienceIn,
  comparisonAnswer,
  factAnswer,
  inBoxAnswer,
  recommendationAnswer,
  specAnswer,
  suitabilityAnswer,
  withoutItemWords,
  type ItemInQuestion,
} from './itemAnswers.js';
import { asksStock, priceAnswer, skuComparisonAnswer, stockAnswer } from './skuAnswers.js';

export interface PresaleAnswer {
  sentences: string[];
  /** The data does not answer (all or part of) the question: offer a pre-sales agent. */
  handOff: boolean;
}

export interface PresaleDeps {
  templates: Templates;
  knowledge: KnowledgeBase;
}

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 零: 0 };

/**
 * Body or foot measurements in a message: "170 65kg", "175cm 130斤", "一米七 60公斤", "1米75",
 * "脚长255mm" / "脚长25.5cm". Numbers without units: a 3-digit 140–200 is a height, then a 2–3
 * digit 30–150 a weight. Long digit runs (pasted ids) are ignored.
 */
export function measurementsIn(text: string): Measurements | undefined {
  // Pasted ids and sizes ("90码", "42号") are not measurements.
  const t = simplify(text).toLowerCase().replace(/\d{6,}/g, ' ').replace(/\d{2,3}\s*[码号]/g, ' ');
  const foot = /脚长\s*(?:是|大概|约)?\s*(\d{2,3}(?:\.\d)?)\s*(mm|毫米|cm|厘米|公分)?/.exec(t);
  if (foot) {
    const value = Number(foot[1]);
    const mm = foot[2] === 'mm' || foot[2] === '毫米' || value > 100 ? value : value * 10;
    return { footLengthMm: Math.round(mm) };
  }
  let heightCm: number | undefined;
  let weightKg: number | undefined;
  const used: [number, number][] = [];
  const take = (m: RegExpExecArray | null) => {
    if (m) used.push([m.index, m.index + m[0].length]);
    return m;
  };
  // With a unit, a baby's 2-digit height counts too ("宝宝62公分 6公斤").
  const h = take(/(\d{2,3})\s*(?:cm|厘米|公分)/.exec(t)) ?? take(/(?:身高|高)\s*(\d{3})/.exec(t));
  if (h) heightCm = Number(h[1]);
  const meter = take(/(?:1|一)\s*(?:米|m)\s*([0-9一二三四五六七八九])([0-9一二三四五六七八九])?/.exec(t));
  if (heightCm === undefined && meter) {
    const d = (s: string) => CN_DIGIT[s] ?? Number(s);
    heightCm = 100 + d(meter[1]!) * 10 + (meter[2] ? d(meter[2]) : 0);
  }
  const kg = take(/(\d{1,3}(?:\.\d)?)\s*(?:kg|公斤|千克)/.exec(t));
  const jin = kg ? null : take(/(\d{2,3}(?:\.\d)?)\s*斤/.exec(t));
  if (kg) weightKg = Number(kg[1]);
  else if (jin) weightKg = Number(jin[1]) / 2;
  else {
    const w = take(/(?:体重|重)\s*(\d{2,3})/.exec(t));
    if (w) weightKg = Number(w[1]);
  }
  // Bare numbers: "170 65"; one alone ("比42贵") is no measurement.
  const free = [...t.matchAll(/\d{2,3}(?:\.\d)?/g)].filter((m) => !used.some(([a, b]) => m.index! >= a && m.index! < b)).map((m) => Number(m[0]));
  if (used.length === 0 && free.length < 2) return undefined;
  if (heightCm === undefined) {
    const i = free.findIndex((n) => n >= 140 && n <= 200);
    if (i >= 0) heightCm = free.splice(i, 1)[0];
  }
  if (weightKg === undefined) {
    const n = free.find((x) => x >= 30 && x <= 150);
    if (n !== undefined) weightKg = n;
  }
  if (heightCm === undefined && weightKg === undefined) return undefined;
  return { ...(heightCm !== undefined ? { heightCm } : {}), ...(weightKg !== undefined ? { weightKg } : {}) };
}

// ---------------------------------------------------------------------------------- shipping

const ASKS_WHICH_COURIER = /什么快递|啥快递|哪家|哪个快递|发什么|发啥|走什么|走啥|用什么|用啥/;

function courierAnswer({ templates, knowledge }: PresaleDeps, text: string, province?: string): PresaleAnswer {
  const { shipping } = knowledge.profile;
  const sentences: string[] = [];
  let handOff = false;
  const named = courierIn(simplify(text));
  if (!named || ASKS_WHICH_COURIER.test(simplify(text))) {
    sentences.push(
      templates.render('presale.courier', {
        defaultCourier: shipping.defaultCourier,
        extraCouriers: shipping.extraCouriers.map((c) => ({ name: c.name, surchargeYuan: c.surchargeYuan })),
        notOffered: shipping.notOffered,
      }),
    );
  }
  if (named) {
    const extra = shipping.extraCouriers.find((c) => c.name === named);
    const status = named === shipping.defaultCourier ? 'default' : extra ? 'extra' : shipping.notOffered.includes(named) ? 'not_offered' : 'unknown';
    if (status === 'unknown') handOff = true;
    let areaNote: string | false = false;
    if (province && status !== 'unknown' && status !== 'not_offered') {
      const estimate = deliveryEstimate(knowledge.profile, province, named);
      if (!estimate.served && estimate.reason === 'courier_not_to_area') areaNote = `${estimate.province ?? province}只能发${estimate.couriers.join('、')}`;
    }
    sentences.push(
      templates.render('presale.courierAsked', {
        courier: named,
        status,
        surchargeYuan: extra?.surchargeYuan ?? 0,
        offered: [shipping.defaultCourier, ...shipping.extraCouriers.map((c) => c.name)],
        areaNote,
      }),
    );
  }
  return { sentences, handOff };
}

function transitAnswer({ templates, knowledge }: PresaleDeps, text: string, province?: string): PresaleAnswer {
  const { shipping } = knowledge.profile;
  if (!province) {
    const fast = shipping.deliveryDays.byProvince.filter((r) => r.min < shipping.deliveryDays.default.min);
    return {
      sentences: [templates.render('presale.transit', { general: true, courier: shipping.defaultCourier, days: shipping.deliveryDays.default, shipFrom: shipping.shipFrom, fast })],
      handOff: false,
    };
  }
  const named = courierIn(simplify(text));
  const estimate = deliveryEstimate(knowledge.profile, province, named);
  if (estimate.served) {
    return {
      sentences: [
        templates.render('presale.transit', {
          general: false,
          served: true,
          province: estimate.province,
          courier: estimate.courier,
          days: estimate.days,
          shipFrom: estimate.shipFrom,
          surchargeYuan: estimate.surcharge > 0 ? formatYuan(estimate.surcharge) : false,
          note: estimate.note ?? false,
        }),
      ],
      handOff: false,
    };
  }
  return {
    sentences: [templates.render('presale.notServed', { reason: estimate.reason, province: estimate.province ?? province, courier: estimate.courier ?? named ?? false, couriers: estimate.couriers, note: estimate.note ?? false })],
    handOff: estimate.reason === 'courier_unknown' || estimate.reason === 'unknown_province',
  };
}

/** The price most of an item's SKUs on sale have (what "这个包邮吗" is asked about). */
function usualPrice(item?: ItemInQuestion): Fen | undefined {
  const prices = (item?.skus?.skus ?? []).filter((s) => s.onSale).map((s) => s.price);
  const counts = new Map<Fen, number>();
  for (const p of prices) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}

function postageAnswer({ templates, knowledge }: PresaleDeps, province?: string, item?: ItemInQuestion): PresaleAnswer {
  const rules = knowledge.profile.shipping.postage;
  const price = usualPrice(item);
  const answer = postage(knowledge.profile, price ?? 0, province);
  if (!answer.served) {
    return { sentences: [templates.render('presale.notServed', { reason: answer.reason, province: answer.province ?? province, courier: false, couriers: [], note: false })], handOff: answer.reason === 'unknown_province' };
  }
  return {
    sentences: [
      templates.render('presale.postage', {
        province: answer.province ?? false,
        remote: answer.remote,
        standardYuan: formatYuan(answer.postage),
        freeOverYuan: answer.freeOver === null ? false : formatYuan(answer.freeOver),
        alwaysFree: answer.freeOver === 0,
        // Without a destination, the remote areas' rule too.
        remoteRule: province === undefined && rules.remote ? { provinces: rules.remote.provinces, standardYuan: rules.remote.standardYuan, freeOverYuan: rules.remote.freeOverYuan ?? false } : false,
        // With the item in view: whether one of it alone already ships free.
        item: price !== undefined && item ? { name: knowledge.catalogue.get(item.itemId)?.name ?? false, price, free: answer.free } : false,
      }),
    ],
    handOff: false,
  };
}

/** 运费险: whether the shop gives it, or the buyer can add it when ordering (shop profile). */
function insuranceAnswer({ templates, knowledge }: PresaleDeps): PresaleAnswer {
  const { shopGives, buyerCanBuy } = knowledge.profile.shipping.returnInsurance;
  return { sentences: [templates.render('presale.returnInsurance', { shopGives, buyerCanBuy })], handOff: false };
}

/**
 * A time of day the buyer names for paying ("下午5点付款", "晚上8点半拍", "17:30"), as that moment
 * today (Asia/Shanghai); undefined when none is named.
 */
export function clockTimeIn(text: string, now: Date): { at: Date; said: string } | undefined {
  const t = simplify(text);
  const m = /(凌晨|早上|上午|中午|下午|傍晚|晚上)?\s*(\d{1,2})\s*(?:[点:：]\s*(半|\d{1,2})?)/.exec(t);
  if (!m) return undefined;
  let hour = Number(m[2]);
  const minute = m[3] === '半' ? 30 : Number(m[3] ?? 0);
  if (hour > 23 || minute > 59) return undefined;
  if (hour < 12 && m[1] && /下午|傍晚|晚上/.test(m[1])) hour += 12;
  if (hour < 6 && m[1] === '中午') hour += 12;
  const at = new Date(`${shanghaiDate(now)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
  return { at, said: m[0].replace(/\s+/g, '') };
}

function dispatchAnswer({ templates, knowledge }: PresaleDeps, text: string, now: Date): PresaleAnswer {
  const stated = clockTimeIn(text, now);
  const d = dispatchEstimate(knowledge.profile, stated?.at ?? now);
  return { sentences: [templates.render('presale.shipping_time', { cutOff: d.cutOff, promiseHours: d.promiseHours, sameDay: d.sameDay, paidAt: stated?.said ?? false })], handOff: false };
}

export function shippingAnswer(deps: PresaleDeps, text: string, now: Date, item?: ItemInQuestion): PresaleAnswer {
  const province = provinceIn(simplify(text))?.name;
  let topics = shippingTopics(text);
  // "发到香港吗", "能寄新疆吗": a place and no other topic asks whether (and how fast) it goes there;
  // "顺丰到杭州呢": with a courier, how fast that courier gets there.
  if (province && (topics.length === 0 || (topics.length === 1 && topics[0] === 'dispatch')) && /发|寄|到/.test(simplify(text))) topics = ['transit'];
  else if (province && topics.length === 1 && topics[0] === 'courier' && courierIn(simplify(text)) && /到|几天|多久/.test(simplify(text))) topics = ['transit'];
  // Nothing the shipping data covers: about an item, its own data may say ("刻字的几天才发", "是裸鞋发货吗");
  // else (送货上门, a chosen delivery day…) a person answers.
  if (topics.length === 0) return item ? productAnswer(deps, text, now, item) : { sentences: [deps.templates.render('presale.product', { itemId: false, name: false })], handOff: true };
  const parts = topics.map((topic) => {
    if (topic === 'courier') return courierAnswer(deps, text, province);
    if (topic === 'transit') return transitAnswer(deps, text, province);
    if (topic === 'postage') return postageAnswer(deps, province, item);
    if (topic === 'insurance') return insuranceAnswer(deps);
    return dispatchAnswer(deps, text, now);
  });
  return { sentences: parts.flatMap((p) => p.sentences), handOff: parts.some((p) => p.handOff) };
}

// ---------------------------------------------------------------------------------- promotions

/** Offers a shop may run that promotions.yaml has no kind for: asked about, a person answers. */
const OFFERS_NOT_IN_DATA = /学生|会员|88\s*vip|\bvip\b|直播|新人|新客|老客|老顾客|回头客|积分|淘金币|返现|团购|批发|员工价|内部价/i;

export function promotionAnswer(deps: PresaleDeps, text: string, now: Date, item?: ItemInQuestion): PresaleAnswer {
  // 价保, a named activity or offer, bargaining, gifts…: the promotion answer before any price.
  const priced = item && !asksPromotionFirst(deps.knowledge, text) && (skuComparisonAnswer(deps, text, item) ?? priceAnswer(deps, text, item, now));
  if (priced) return priced;
  if (OFFERS_NOT_IN_DATA.test(simplify(text))) return { sentences: [deps.templates.render('presale.product', { itemId: false, name: false })], handOff: true };
  return promotionsAnswer(deps, text, now, item);
}

// ---------------------------------------------------------------------------------- size

/** A chart row as the template shows it: the size, who it fits, the garment's own measurements. */
function rowFacts(row: ReturnType<typeof sizeRow> & object) {
  return {
    size: row.size,
    heightCm: 'heightCm' in row && row.heightCm ? row.heightCm.join('-') : false,
    weightKg: 'weightKg' in row && row.weightKg ? row.weightKg.join('-') : false,
    footLengthMm: 'footLengthMm' in row ? row.footLengthMm.join('-') : false,
    garment: Object.entries(row.garment ?? {}).map(([what, cm]) => ({ what, cm })),
  };
}

export function sizeAnswer({ templates, knowledge }: PresaleDeps, text: string, itemId: string | undefined, now: Date): PresaleAnswer {
  const measurements = measurementsIn(text);
  const measured = measurements !== undefined;
  if (!itemId) return { sentences: [templates.render('presale.size', { outcome: 'no_item', measured })], handOff: false };
  const name = knowledge.catalogue.get(itemId)?.name ?? `商品${itemId}`;
  const chart = knowledge.catalogue.sizeChart(itemId);
  if (!chart) return { sentences: [templates.render('presale.size', { outcome: 'no_chart', name })], handOff: true };
  if (!measurements) {
    // "L码衣长多少": that size's row of the chart.
    const size = extractEntities(text, now).size;
    const row = size === undefined ? undefined : sizeRow(chart.value, size);
    if (row) return { sentences: [templates.render('presale.sizeRow', { name, ...rowFacts(row) })], handOff: false };
    return { sentences: [templates.render('presale.size', { outcome: 'ask', name, foot: chart.value.kind === 'foot', fit: chart.value.fit ?? false })], handOff: false };
  }
  const advice = sizeAdvice(chart.value, measurements);
  const said = {
    heightCm: 'heightCm' in measurements ? (measurements.heightCm ?? false) : false,
    weightKg: 'weightKg' in measurements ? (measurements.weightKg ?? false) : false,
    footLengthMm: 'footLengthMm' in measurements ? measurements.footLengthMm : false,
  };
  if (advice.kind === 'size') return { sentences: [templates.render('presale.size', { outcome: 'size', name, ...said, size: advice.size, fit: advice.fit ?? false })], handOff: false };
  if (advice.kind === 'between') {
    return {
      sentences: [templates.render('presale.size', { outcome: 'between', name, ...said, looser: advice.looser, tighter: advice.tighter, recommended: advice.recommended ?? false, fit: advice.fit ?? false })],
      handOff: false,
    };
  }
  if (advice.kind === 'not_applicable') return { sentences: [templates.render('presale.size', { outcome: 'ask', name, foot: chart.value.kind === 'foot' })], handOff: false };
  // outside the chart, or measurements pointing at different sizes: a person decides.
  return { sentences: [templates.render('presale.size', { outcome: 'unsure', name, ...said })], handOff: true };
}

// ---------------------------------------------------------------------------------- product

/** Attribute questions mapped only where the words are unambiguous. */
const ATTRIBUTE_WORDS: [Attribute, string, RegExp][] = [
  ['material', '材质', /材质|面料|什么料|啥料|纯棉|全棉|成分是|含棉|布料/],
  ['origin', '产地', /产地|哪里产|哪产的|产自|哪里生产|哪生产|哪里(?:制造|做的|烧的)|哪(?:儿)?(?:做的|烧的)|哪里发货的产品|国产吗|进口吗/],
  ['care', '洗涤保养', /怎么洗|咋洗|能机洗|可以机洗|机洗吗|手洗|洗涤|保养|能水洗/],
  ['shelfLife', '保质期', /保质期|能放多久|放多久|保存多久|(?:开封|拆封|打开)(?:了|后|以后)?(?:能|可以)?(?:用|放|吃)多久|多久(?:要|得)?(?:用完|吃完)/],
  ['ingredients', '配料', /配料|配料表/],
  ['storage', '储存方式', /怎么保存|怎么储存|怎么存放|怎么放|咋放|咋保存|要冷藏|放冰箱|吃不完/],
  ['warranty', '保修', /保修|质保/],
  ['productionDate', '生产日期', /生产日期|什么时候生产|新鲜吗/],
  ['allergens', '过敏原', /过敏原|坚果过敏|含麸质/],
];

/** "这个/那款…" without an item in view: the buyer means one, so ask which rather than hand off. */
const POINTS_AT_AN_ITEM = /这个|这款|这件|这双|那个|那款|那件|它|有货|库存|材质|面料|尺寸|容量|保质期|生产日期/;

export function productAnswer(deps: PresaleDeps, text: string, now: Date, item?: ItemInQuestion): PresaleAnswer {
  const { templates, knowledge } = deps;
  const itemId = item?.itemId;
  const comparedSkus = item && skuComparisonAnswer(deps, text, item);
  if (comparedSkus) return comparedSkus;
  if (asksComparison(text)) {
    const compared = comparisonAnswer(deps, text, item);
    if (compared) return compared;
  }
  if (asksRecommendation(text)) return recommendationAnswer(deps, text);
  if (item && asksStock(text, now)) return stockAnswer(deps, text, item, now);
  const priced = item && priceAnswer(deps, text, item, now);
  if (priced) return priced;
  const t = simplify(text);
  // What the shop wrote about this item, asked by name ("孕妇能用吗", "纯棉的吗", "多大容量"), comes
  // before any general FAQ answer; a fact found only by similarity comes after it.
  const audience = audienceIn(text);
  if (itemId && audience && knowledge.catalogue.suitability(itemId, audience)) return suitabilityAnswer(deps, itemId, audience);
  // The item is known: its name says nothing about the question ("保温杯能刻字吗" asks about 刻字, not 保温).
  const asked = itemId ? withoutItemWords(knowledge, text, itemId) : text;
  const named = itemId ? (inBoxAnswer(deps, asked, itemId) ?? specAnswer(deps, asked, itemId) ?? attributeAnswer(deps, simplify(asked), itemId)) : undefined;
  if (named) return named;
  const category = itemId === undefined ? undefined : knowledge.catalogue.categoryOf(itemId);
  const hit = knowledge.faq.answer(asked, { itemId, category });
  if (hit) {
    // The entry's own source line when it is one a buyer can read (店铺服务说明（发票）), else where it is kept.
    const basis = /\.ya?ml|catalogue|attributes\.|[a-z]+_[a-z]+/i.test(hit.source.basis) ? '店铺资料' : hit.source.basis;
    const sentence = templates.render('presale.faq', { answer: hit.entry.answer, basis });
    // "刻繁体字可以吗" finds the engraving entry, whose answer says nothing of 繁体: shown, and asked around.
    if (asksYesOrNo(asked) && asksBeyond(asked, hit.entry.answer)) {
      const name = (itemId && knowledge.catalogue.get(itemId)?.name) || false;
      return { sentences: [templates.render('presale.product', { itemId: itemId ?? false, name }), sentence], handOff: true };
    }
    return { sentences: [sentence], handOff: hit.entry.askAround === true };
  }
  if (itemId) {
    if (audience) return suitabilityAnswer(deps, itemId, audience);
    const found = factAnswer(deps, text, itemId);
    if (found) return found;
  } else if (POINTS_AT_AN_ITEM.test(t)) {
    return { sentences: [templates.render('presale.whichItem')], handOff: false };
  }
  return { sentences: [templates.render('presale.product', { itemId: itemId ?? false, name: (itemId && knowledge.catalogue.get(itemId)?.name) || false })], handOff: true };
}

function attributeAnswer({ templates, knowledge }: PresaleDeps, t: string, itemId: string): PresaleAnswer | undefined {
  const name = knowledge.catalogue.get(itemId)?.name;
  for (const [attribute, label, words] of ATTRIBUTE_WORDS) {
    if (!words.test(t)) continue;
    const fact = knowledge.catalogue.attribute(itemId, attribute);
    // Asked, not in the data: a person is asked (the caller's fallback).
    if (!fact || !name) return undefined;
    return { sentences: [templates.render('presale.attribute', { name, what: label, text: fact.value })], handOff: false };
  }
  return undefined;
}
