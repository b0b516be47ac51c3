/**
 * Several questions in one message ("发什么快递 几天到北京", "收到了但是少了一件 能退吗"): the
 * message split into clauses, each recognized on its own, and what a pre-sales clause asks about.
 * Pure: no bot SDK types, no I/O.
 */
import { joinSpacedDigits, replaceLinks } from '../bot/nlu/ids.js';
import { simplify } from '../bot/nlu/normalize.js';

/** Spaces and punctuation between clauses (a dot only when it is not a decimal point). */
const SEPARATORS = /[\s,，。!！?？;；、~～…：:]+|(?<!\d)\.(?!\d)|\.{2,}/u;
/** Words that start a new clause ("但是少了一件"); 还有 not in 还有货吗 / 还有没有. */
const CONNECTIVES = /但是|可是|不过|另外|顺便问一下|顺便问下|顺便|而且|并且|然后|再问一下|再问下|对了|还有(?![货吗没的啥什么多少库存])/g;
const LINK_MARK = '\u0000';

/**
 * "发什么快递 几天到北京" → ["发什么快递", "几天到北京"]; "收到了但是少了一件 能退吗" →
 * ["收到了", "少了一件", "能退吗"]. Pasted numbers with spaces and links stay whole.
 */
export function splitClauses(text: string): string[] {
  const links: string[] = [];
  const protectedText = replaceLinks(joinSpacedDigits(simplify(text)), (link) => ` ${LINK_MARK}${links.push(link.url) - 1}${LINK_MARK} `);
  const pieces = protectedText.split(SEPARATORS).filter(Boolean);
  const clauses = pieces.flatMap((piece) =>
    piece
      .replace(CONNECTIVES, '\n')
      .split('\n')
      .map((c) => c.trim())
      .filter(Boolean),
  );
  return clauses.map((c) => c.replace(new RegExp(`${LINK_MARK}(\\d+)${LINK_MARK}`, 'g'), (_, i: string) => links[Number(i)]!));
}

/** A question rather than a request: "能开发票吗", "发票怎么开" (not "我要开发票"). */
export function looksLikeQuestion(text: string): boolean {
  // Tested as typed too: OpenCC turns the particle 么 into 幺.
  return [text.normalize('NFKC'), simplify(text)].some((t) => QUESTION.test(t));
}

// (\p{Script=Han})[不没]\1: the A-not-A question (管不管, 能不能, 有没有, 可不可以).
const QUESTION = /[吗么嘛呢?？]\s*$|吗|(\p{Script=Han})[不没]\1|可以不|怎么|咋|多久|几天|什么|啥|哪|多少|多[重大长宽高厚沉]|几(?!乎)|不\s*$/u;

export type ShippingTopic = 'courier' | 'dispatch' | 'transit' | 'postage' | 'insurance';

const SHIPPING_TOPICS: [ShippingTopic, RegExp][] = [
  ['courier', /(?:发|走|用)(?:什么|啥|哪家|哪个)|(?:什么|啥|哪家|哪个)快递|(?:能|可以|可不可以|能不能)发(?:顺丰|ems|邮政|京东|中通|圆通|韵达|极兔|德邦)|顺丰|ems|邮政|中通|圆通|韵达|极兔|德邦|指定快递/i],
  ['transit', /哪里发|从哪(?:里|儿)?(?:发|寄)|发货地|哪发货|哪个仓|仓库在|几天(?:能)?(?:到|收到)|多久(?:能)?(?:到|收到)|多长时间(?:能)?到|多少天|到.{1,8}?(?:要|需要)?(?:几天|多久)|(?:要|需要)(?:几天|多久)|什么时候(?:能)?(?:到|收到)/],
  ['insurance', /运费险|退货险|退换货险/],
  // 补差价 for a courier's surcharge; after 降价 it is price protection (a promotion question).
  ['postage', /包邮|运费(?!险)|邮费|快递费|(?<!降价.{0,4})补差价/],
  ['dispatch', /(?:什么时候|啥时候|几时|多久|几天|今天|明天|当天|马上|几点)(?:还|才)?(?:能|可以|会)?发|发货(?:时间|快|速度)|今天拍|现在拍|现货/],
];

/** What a shipping question asks, in the order the buyer asked ("顺丰几天到" → courier, transit); none: something the shop's shipping data does not cover. */
export function shippingTopics(text: string): ShippingTopic[] {
  const t = simplify(text).toLowerCase();
  const found = SHIPPING_TOPICS.map(([topic, pattern]) => ({ topic, at: t.search(pattern) })).filter((f) => f.at >= 0);
  found.sort((a, b) => a.at - b.at);
  // "快递呢", "什么物流": the courier, unless something else was asked.
  if (!found.length && /快递|物流/.test(t)) return ['courier'];
  return found.map((f) => f.topic);
}

/** Gifts asked about in a price question ("有赠品吗", "送什么"). */
export function mentionsGift(text: string): boolean {
  return /赠品|送什么|送啥|礼品|小样|赠送|有送/.test(simplify(text));
}

/** Body measurements given with a size question ("175cm 70kg", "一米七 130斤"). */
export function hasMeasurements(text: string): boolean {
  return /\d{2,3}\s*(?:cm|厘米|公分|kg|公斤|斤)|身高|体重|一米[一二三四五六七八九]|脚长|腰围|胸围/i.test(simplify(text));
}
