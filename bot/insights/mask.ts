/**
 * Buyer text with personal data replaced by placeholders, so an unanswered question can be kept
 * and shown to the shop without who asked it: links, order/item/phone numbers (reusing the
 * recognizer's rules for pasted numbers, ids.ts), landlines, e-mails, ID-card numbers, street
 * addresses and names the buyer introduces ("我叫…", "收件人…"). Pure.
 */
import { joinSpacedDigits, LONG_NUMBER, numberKind, replaceLinks } from '../nlu/ids.js';

export const MASKS = {
  link: '[链接]',
  itemLink: '[商品链接]',
  order: '[订单号]',
  item: '[商品ID]',
  phone: '[手机号]',
  number: '[号码]',
  email: '[邮箱]',
  idCard: '[身份证号]',
  address: '[地址]',
  name: '[姓名]',
} as const;

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** 18-character ID numbers may end in X; digits alone are caught as long numbers below. */
const ID_CARD = /(?<![\dA-Za-z])\d{17}[Xx](?![\dA-Za-z])/g;
const LANDLINE = /(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)/g;
/**
 * A street address: from a province, city or district word through its street, number, building
 * and room parts ("浙江省杭州市西湖区文三路100号3栋2单元501"). Needs a street-level part, so "发到杭州吗" stays.
 */
const ADDRESS =
  /(?:[\p{Script=Han}]{2,8}?(?:省|自治区|市|区|县|镇|乡))*[\p{Script=Han}\d]{1,12}?(?:路|街|大道|巷|弄|胡同|村|小区|花园|公寓|大厦)(?:[\p{Script=Han}\d\-#]{0,16}?(?:号|栋|幢|座|单元|楼|层|室|号楼))+\d*/gu;
/** Words before an address that are the buyer's own ("寄到", "地址改成"): kept, the rest masked. */
const ADDRESS_LEAD = /^.*(?:寄到|发到|送到|改成|改为|地址是|地址|住在)/u;
/** A name the buyer gives: after 我叫/我是/收件人/收货人/联系人/名字是, two or three Han characters. */
const NAME = /(我叫|我的名字是|名字是|收件人是?|收货人是?|联系人是?|姓名[是:：]?)\s*[\p{Script=Han}]{2,3}(?=$|[^\p{Script=Han}]|的|，|,)/gu;

export function maskPersonalData(text: string): string {
  let masked = text.normalize('NFKC');
  masked = replaceLinks(masked, (link) => (link.itemId ? MASKS.itemLink : MASKS.link));
  masked = masked.replace(EMAIL, MASKS.email).replace(ID_CARD, MASKS.idCard);
  masked = joinSpacedDigits(masked).replace(LANDLINE, MASKS.phone);
  masked = masked.replace(LONG_NUMBER, (digits) => {
    if (digits.length === 18 && /^[1-9]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])/.test(digits)) return MASKS.idCard;
    const kind = numberKind(digits);
    return kind === 'other' ? MASKS.number : MASKS[kind];
  });
  masked = masked.replace(ADDRESS, (address) => `${ADDRESS_LEAD.exec(address)?.[0] ?? ''}${MASKS.address}`);
  return masked.replace(NAME, (_all, lead: string) => `${lead}${MASKS.name}`);
}
