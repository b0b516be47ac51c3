/**
 * Price and promotion questions answered from knowledge/promotions.yaml, limited to what was
 * asked: 满减 ("大衣参加满减吗": the item does not take part), coupons (where, how many, until
 * when), gifts and their conditions, the activity calendar ("双12啥时候", "双11还有吗"), 价保, and
 * bargaining (a polite no and what applies). A question on none of these gets everything open
 * now, briefly. Pure: `now` passed in.
 */
import { simplify } from '../bot/nlu/normalize.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { activePromotions, inWindow, lineStanding } from '../knowledge/policy/index.js';
import type { Activity, Promotion } from '../knowledge/promotions.js';
import { formatYuan } from '../templates/format.js';
import type { Templates } from '../templates/templates.js';
import { mentionsGift } from './clauses.js';

export interface PromotionDeps {
  templates: Templates;
  knowledge: KnowledgeBase;
}

type Topic = 'full_reduction' | 'coupon' | 'gift' | 'calendar' | 'price_protection';

const TOPICS: [Topic, RegExp][] = [
  ['price_protection', /价保|保价|降价|补差价|退差价|差价/],
  ['calendar', /双11|双十一|双12|双十二|618|年货节|聚划算|下次活动|下个活动|下一次活动|什么时候有活动|啥时候有活动|几号开始|什么时候开始|啥时候开始/],
  ['coupon', /券/],
  ['full_reduction', /满减|凑单|满\d+减|夜场|累计|能减/],
];
const BARGAINING = /便宜|优惠点|优惠一点|少点|少一点|砍价|抹零|太贵|贵了|打个折|能打折|改价|降点|让点|最低价|底价/;

/** Activity names as buyers write them: 双十一 for 双11, no year. */
const ACTIVITY_WORDS: Record<string, RegExp> = {
  double11: /双11|双十一/,
  double12: /双12|双十二/,
  '618': /618/,
  new_year: /年货节/,
  juhuasuan: /聚划算/,
};

function topicsOf(text: string): Topic[] {
  const t = simplify(text).toLowerCase();
  const found = TOPICS.filter(([, re]) => re.test(t)).map(([topic]) => topic);
  return mentionsGift(t) ? [...found, 'gift'] : found;
}

/** The activity a message names: the one running or next of its kind, else the last one that ended. */
function namedActivity(kb: KnowledgeBase, text: string, now: Date): Activity | undefined {
  const t = simplify(text);
  const kinds = Object.entries(ACTIVITY_WORDS).filter(([, re]) => re.test(t)).map(([kind]) => kind);
  if (!kinds.length) return undefined;
  const ofKind = kb.promotions.activities.filter((a) => kinds.includes(a.kind)).sort((a, b) => a.from.getTime() - b.from.getTime());
  // "明年618": the one starting in a later year than now.
  const nextYear = /明年/.test(t) ? ofKind.filter((a) => a.from.getFullYear() > now.getFullYear()) : ofKind;
  return nextYear.find((a) => a.to.getTime() > now.getTime()) ?? nextYear.at(-1);
}

const describe = (kb: KnowledgeBase, p: Promotion) => {
  const base = { name: p.name, note: p.note ?? false, hours: p.window.dailyHours ? `${p.window.dailyHours.start}-${p.window.dailyHours.end}` : false };
  if (p.kind === 'full_reduction') return { ...base, kind: p.kind, tiers: p.tiers.map((t) => `${p.repeat ? '每' : ''}满${formatYuan(t.threshold)}减${formatYuan(t.discount)}`), capYuan: p.cap === undefined ? false : formatYuan(p.cap) };
  if (p.kind === 'coupon') return { ...base, kind: p.kind, where: p.where, perBuyer: p.perBuyer, validDays: p.validDaysAfterClaim ?? false };
  const scope = (p.items ?? []).map((id) => kb.catalogue.get(id)?.name ?? id);
  return { ...base, kind: p.kind, gift: p.gift, scope: scope.length ? scope.join('、') : false, minQuantity: p.minQuantity ?? false, minSpendYuan: p.minSpend === undefined ? false : formatYuan(p.minSpend), whileStocksLast: p.whileStocksLast };
};

export function promotionsAnswer({ templates, knowledge }: PromotionDeps, text: string, now: Date, itemId?: string): string {
  const t = simplify(text);
  const topics = topicsOf(text);
  const wants = (topic: Topic) => topics.length === 0 || topics.includes(topic);
  const open = activePromotions(knowledge, now, itemId);
  const line = itemId === undefined ? undefined : { itemId, category: knowledge.catalogue.categoryOf(itemId) };
  // Open today, outside its hours now (家居夜场 in the morning): still worth saying, with its hours.
  const today = knowledge.promotions.all.filter(
    (p) => p.window.dailyHours && !inWindow(p.window, now) && inWindow({ ...p.window, dailyHours: undefined }, now) && (!line || lineStanding(p, line) === 'eligible'),
  );
  const current = [...open.promotions, ...today];
  const shown = (kind: Promotion['kind'], topic: Topic) => (wants(topic) ? current.filter((p) => p.kind === kind).map((p) => describe(knowledge, p)) : []);
  // The item's exclusions, when its promotions are asked about.
  const notFor = line
    ? knowledge.promotions.all
        .filter((p) => p.kind !== 'gift' && inWindow({ ...p.window, dailyHours: undefined }, now) && lineStanding(p, line) === 'excluded')
        .filter((p) => wants(p.kind === 'coupon' ? 'coupon' : 'full_reduction') || BARGAINING.test(t))
        .map((p) => p.name)
    : [];
  const activity = wants('calendar') && topics.includes('calendar') ? namedActivity(knowledge, text, now) : undefined;
  const nextActivity = topics.includes('calendar') && !activity ? (open.running[0] ?? open.upcoming[0]) : undefined;
  const shownActivity = activity ?? nextActivity;
  const pp = knowledge.promotions.priceProtection;
  const fullReductions = shown('full_reduction', 'full_reduction');
  const coupons = shown('coupon', 'coupon');
  const gifts = shown('gift', 'gift');
  const running = topics.length === 0 ? open.running.map((a) => ({ name: a.name, to: a.to })) : [];
  return templates.render('presale.promotions', {
    bargaining: BARGAINING.test(t),
    // A question about one thing gets its details (notes such as 可以累计); a general one the list.
    detailed: topics.length > 0,
    nothing: !shownActivity && !topics.includes('price_protection') && notFor.length + fullReductions.length + coupons.length + gifts.length + running.length === 0,
    item: itemId ? (knowledge.catalogue.get(itemId)?.name ?? false) : false,
    notFor,
    fullReductions,
    coupons,
    gifts,
    askedGift: topics.includes('gift'),
    stacking: knowledge.promotions.stacking.couponWithFullReduction && wants('coupon') && wants('full_reduction') && topics.length !== 1,
    activity: shownActivity
      ? { name: shownActivity.name, from: shownActivity.from, to: shownActivity.to, ended: shownActivity.to.getTime() <= now.getTime(), running: inWindow(shownActivity, now), note: shownActivity.note ?? false }
      : false,
    running,
    priceProtection: topics.includes('price_protection') ? { offered: pp.offered, days: pp.days ?? false, excludes: pp.excludes, how: pp.how ?? false } : false,
  });
}
