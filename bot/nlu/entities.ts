/**
 * Entities in buyer text, by pattern: pasted order ids, item ids, phone numbers and links
 * (ids.ts), amounts, sizes, colours, quantities, dates and change-of-mind phrases. Input is
 * NFKC-normalized and simplified first, so full-width digits and traditional characters match too.
 */
import { DAY, HOUR, SHANGHAI_OFFSET } from '../../knowledge/policy/time.js';
import { findLinks, joinSpacedDigits, LONG_NUMBER, numberKind, replaceLinks } from './ids.js';
import type { Entities } from './types.js';
import { simplify } from './normalize.js';
const AMOUNT = /[¥￥]\s*(\d+(?:\.\d{1,2})?)|(\d+(?:\.\d{1,2})?)\s*(?:元|块钱|块|rmb)/i;
const LETTER_SIZE = /(?<![a-z])([2-4]?x{0,3}[sml])(?![a-z])/i;
const NUMBER_SIZE = /(\d{2}(?:\.5)?)\s*码/;
const ONE_SIZE = /均码|大码|加大码/;
const COLOURS = '咖啡|卡其|米白|藏青|酒红|军绿|天蓝|浅蓝|深蓝|深灰|浅灰|玫红|墨绿|奶白|杏|黑|白|红|蓝|绿|黄|灰|粉|紫|棕|橙|银|金|米';
const COLOUR = new RegExp(`(${COLOURS})(色|的|款)`);
const MULTI_COLOUR = new RegExp(`(${COLOURS.split('|').filter((c) => c.length > 1).join('|')})`);
const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const QUANTITY = /(\d{1,3}|[一二两三四五六七八九十])\s*(件|个|双|条|套|只|盒|瓶|包|支|袋|罐|箱|提|份|卷|片)/;
/** The buyer asks the shop to stop reminding them ("别再提醒了", "不要再催了", "退订"). */
const STOP_REMINDERS = /(别|不要|不用|无需)再?(提醒|催|通知|给我发)|退订/;
const NEGATION = /不退了|不换了|不要了|算了|不用了|不需要了|不买了|不申请了|不投诉了|取消/;
/** "小一码", "大一号", "换小一号": the size next to the ordered one, that way. */
const SIZE_STEP = /([大小])一个?[码号]/;
/** 换/改 and what follows it up to the next 换/改: where the wanted size or colour is named ("XL换成L"). */
const CHANGE_TO = /[换改](?:成|为|到)?([^换改]{0,8})/g;

const toNumber = (s: string): number => CN_DIGITS[s] ?? Number(s);

function startOfShanghaiDay(at: Date): Date {
  const shifted = new Date(at.getTime() + 8 * HOUR);
  return new Date(`${shifted.toISOString().slice(0, 10)}T00:00:00${SHANGHAI_OFFSET}`);
}

function findDate(text: string, now: Date): Entities['date'] {
  const today = startOfShanghaiDay(now);
  const relative: [RegExp, (m: RegExpMatchArray) => Date][] = [
    [/大前天/, () => new Date(today.getTime() - 3 * DAY)],
    [/前天/, () => new Date(today.getTime() - 2 * DAY)],
    [/昨天|昨晚|昨日/, () => new Date(today.getTime() - DAY)],
    [/今天|今早|今晚/, () => today],
    [/明天/, () => new Date(today.getTime() + DAY)],
    [/(\d{1,2}|[一二两三四五六七八九十])\s*天前/, (m) => new Date(today.getTime() - toNumber(m[1]!) * DAY)],
    [/(\d{1,2}|[一二两三四五六七八九十])\s*(?:个)?小时前/, (m) => new Date(now.getTime() - toNumber(m[1]!) * HOUR)],
    [/上周|上个星期|上星期/, () => new Date(today.getTime() - 7 * DAY)],
    [/(\d{1,2})月(\d{1,2})[日号]/, (m) => shanghaiDate(now, Number(m[1]), Number(m[2]))],
  ];
  for (const [pattern, resolve] of relative) {
    const match = text.match(pattern);
    if (match) return { text: match[0], at: resolve(match) };
  }
  return undefined;
}

/** Month/day without a year: this year, or last year if that would lie in the future. */
function shanghaiDate(now: Date, month: number, day: number): Date {
  const year = new Date(now.getTime() + 8 * HOUR).getUTCFullYear();
  const pad = (n: number) => String(n).padStart(2, '0');
  const candidate = new Date(`${year}-${pad(month)}-${pad(day)}T00:00:00${SHANGHAI_OFFSET}`);
  return candidate.getTime() > now.getTime() ? new Date(`${year - 1}-${pad(month)}-${pad(day)}T00:00:00${SHANGHAI_OFFSET}`) : candidate;
}

export function extractEntities(raw: string, now: Date): Entities {
  const simplified = simplify(raw);
  const links = findLinks(simplified);
  const text = joinSpacedDigits(replaceLinks(simplified, () => ' '));
  const numbers = { order: new Set<string>(), item: new Set<string>(), phone: new Set<string>(), other: new Set<string>() };
  for (const [digits] of text.matchAll(LONG_NUMBER)) numbers[numberKind(digits)].add(digits);
  for (const { itemId } of links) if (itemId) numbers.item.add(itemId);
  // Ids are digits too; take them out before looking for sizes, amounts and quantities.
  const rest = text.replace(LONG_NUMBER, ' ');
  const amount = rest.match(AMOUNT);
  const size = findSize(rest);
  const colourMatch = findColour(rest);
  const quantity = rest.match(QUANTITY);
  const entities: Entities = {
    orderIds: [...numbers.order],
    itemIds: [...numbers.item],
    phones: [...numbers.phone],
    links: links.map((l) => l.url),
    negation: NEGATION.test(rest),
    stopReminders: STOP_REMINDERS.test(rest),
  };
  if (amount) entities.amountYuan = Number(amount[1] ?? amount[2]);
  if (size) entities.size = size;
  if (colourMatch) entities.colour = `${colourMatch[1]}色`;
  if (quantity) {
    entities.quantity = toNumber(quantity[1]!);
    entities.quantityUnit = quantity[2]!;
  }
  const date = findDate(rest, now);
  if (date) entities.date = date;
  const step = rest.match(SIZE_STEP)?.[1];
  if (step) entities.sizeStep = step === '小' ? 'smaller' : 'larger';
  const changeTo = findChangeTo(rest);
  if (changeTo) entities.changeTo = changeTo;
  return entities;
}

const findSize = (text: string) => text.match(NUMBER_SIZE)?.[0].replace(/\s/g, '') ?? text.match(ONE_SIZE)?.[0] ?? text.match(LETTER_SIZE)?.[1]?.toUpperCase();
const findColour = (text: string) => text.match(COLOUR) ?? text.match(MULTI_COLOUR);

/** The size and colour named after the last 换/改 that names one: "XL换成L" wants L, not XL. */
function findChangeTo(text: string): Entities['changeTo'] {
  let found: Entities['changeTo'];
  for (const [, after] of text.matchAll(CHANGE_TO)) {
    const size = findSize(after!);
    const colour = findColour(after!);
    if (size || colour) found = { ...(size && { size }), ...(colour && { colour: `${colour[1]}色` }) };
  }
  return found;
}
