/**
 * Demo orders for `npm start` without ORDER_API_URL, for the tests and for trying flows by hand.
 * Times are relative ("paid 80 h ago") and materialised at each read, so the fixtures never go
 * stale. Together they cover every trade status, free and paid shipping, 运费险, Tmall and
 * Taobao, a customised item, a date-only signature, a multi-line order, SKUs out of stock and
 * at other prices, refunds in progress and a closed 7-day window. Buyers 004–010 each have one
 * after-sales situation of their own (issue 16): a refund waiting for the seller, one the seller
 * refused, one with 小二介入 requested, a parcel stuck for days, an unshipped XL to change, a
 * broken ship promise, and an exchange whose next size up is sold out.
 */
import type { Item, Logistics, OrderLine, Trade } from '../contract.js';

const HOUR = 3_600_000;

/** ISO 8601 in Asia/Shanghai, as Taobao reports times. */
export function shanghaiIso(at: Date): string {
  return `${new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;
}

export const DEMO_BUYERS = [
  'tb_buyer_001',
  'tb_buyer_002',
  'tb_buyer_003',
  'tb_buyer_004',
  'tb_buyer_005',
  'tb_buyer_006',
  'tb_buyer_007',
  'tb_buyer_008',
  'tb_buyer_009',
  'tb_buyer_010',
  'tb_buyer_011',
] as const;

/** A SKU row: skuId, properties, price (yuan), stock, on sale (default true). */
const sku = (skuId: string, properties: Record<string, string>, price: string, stock: number, onSale = true) => ({ skuId, properties, price, stock, onSale });

/**
 * The demo shop's items: the five the trades refer to (ids item_*) and thirteen more with
 * Taobao-style 12-digit ids, across clothing, shoes, cosmetics, food, tea ware, paper and wet
 * wipes and household goods. Their descriptive content is in knowledge/catalogue/<itemId>.yaml.
 */
export const DEMO_ITEMS: Item[] = [
  {
    itemId: 'item_tee',
    title: '小满纯棉圆领T恤',
    category: '服装',
    customised: false,
    skus: [
      sku('tee_white_s', { 颜色: '白色', 尺码: 'S' }, '199.00', 12),
      sku('tee_white_m', { 颜色: '白色', 尺码: 'M' }, '199.00', 30),
      sku('tee_white_l', { 颜色: '白色', 尺码: 'L' }, '199.00', 1),
      sku('tee_white_xl', { 颜色: '白色', 尺码: 'XL' }, '199.00', 8),
      sku('tee_white_xxl', { 颜色: '白色', 尺码: 'XXL' }, '209.00', 5),
      sku('tee_black_m', { 颜色: '黑色', 尺码: 'M' }, '199.00', 9),
      sku('tee_black_l', { 颜色: '黑色', 尺码: 'L' }, '199.00', 0),
      sku('tee_grey_m', { 颜色: '灰色', 尺码: 'M' }, '199.00', 6, false),
    ],
  },
  {
    itemId: 'item_sneaker',
    title: '轻跑透气运动鞋',
    category: '鞋靴',
    customised: false,
    skus: [
      sku('sneaker_39', { 颜色: '白色', 鞋码: '39' }, '459.00', 6),
      sku('sneaker_40', { 颜色: '白色', 鞋码: '40' }, '459.00', 4),
      sku('sneaker_41', { 颜色: '白色', 鞋码: '41' }, '459.00', 7),
      sku('sneaker_42', { 颜色: '白色', 鞋码: '42' }, '459.00', 0),
      sku('sneaker_43', { 颜色: '白色', 鞋码: '43' }, '479.00', 3),
      sku('sneaker_black_41', { 颜色: '黑色', 鞋码: '41' }, '459.00', 5),
      sku('sneaker_black_42', { 颜色: '黑色', 鞋码: '42' }, '459.00', 2),
    ],
  },
  {
    itemId: 'item_mug',
    title: '刻字定制陶瓷马克杯',
    category: '家居日用',
    customised: true,
    skus: [sku('mug_custom', { 颜色: '白色', 刻字: '定制' }, '89.00', 99), sku('mug_custom_black', { 颜色: '黑色', 刻字: '定制' }, '89.00', 50)],
  },
  {
    itemId: 'item_coat',
    title: '双面羊毛大衣',
    category: '服装',
    customised: false,
    skus: [
      sku('coat_camel_s', { 颜色: '驼色', 尺码: 'S' }, '2000.00', 1),
      sku('coat_camel_m', { 颜色: '驼色', 尺码: 'M' }, '2000.00', 3),
      sku('coat_camel_l', { 颜色: '驼色', 尺码: 'L' }, '2000.00', 2),
      sku('coat_black_m', { 颜色: '黑色', 尺码: 'M' }, '2000.00', 4),
      sku('coat_black_l', { 颜色: '黑色', 尺码: 'L' }, '2000.00', 0),
    ],
  },
  {
    itemId: 'item_lipstick',
    title: '丝绒哑光口红 #316',
    category: '美妆护肤',
    customised: false,
    skus: [sku('lipstick_316', { 色号: '316' }, '320.00', 40)],
  },
  {
    itemId: '681250339472',
    title: '小满重磅连帽卫衣 400g毛圈 男女同款',
    category: '服装',
    customised: false,
    skus: [
      sku('hoodie_black_m', { 颜色: '黑色', 尺码: 'M' }, '259.00', 14),
      sku('hoodie_black_l', { 颜色: '黑色', 尺码: 'L' }, '259.00', 20),
      sku('hoodie_black_xl', { 颜色: '黑色', 尺码: 'XL' }, '259.00', 6),
      sku('hoodie_black_xxl', { 颜色: '黑色', 尺码: 'XXL' }, '259.00', 0),
      sku('hoodie_oat_m', { 颜色: '燕麦色', 尺码: 'M' }, '259.00', 9),
      sku('hoodie_oat_l', { 颜色: '燕麦色', 尺码: 'L' }, '259.00', 11),
      sku('hoodie_oat_xl', { 颜色: '燕麦色', 尺码: 'XL' }, '259.00', 3),
      sku('hoodie_oat_xxl', { 颜色: '燕麦色', 尺码: 'XXL' }, '259.00', 2),
    ],
  },
  {
    itemId: '681250339518',
    title: '小满婴儿纯棉连体衣 A类 前开扣',
    category: '服装',
    customised: false,
    skus: [
      sku('romper_cream_59', { 颜色: '奶白', 尺码: '59' }, '89.00', 10),
      sku('romper_cream_66', { 颜色: '奶白', 尺码: '66' }, '89.00', 16),
      sku('romper_cream_73', { 颜色: '奶白', 尺码: '73' }, '89.00', 12),
      sku('romper_cream_80', { 颜色: '奶白', 尺码: '80' }, '89.00', 8),
      sku('romper_cream_90', { 颜色: '奶白', 尺码: '90' }, '99.00', 5),
      sku('romper_blue_66', { 颜色: '浅蓝', 尺码: '66' }, '89.00', 7),
      sku('romper_blue_73', { 颜色: '浅蓝', 尺码: '73' }, '89.00', 0),
      sku('romper_blue_80', { 颜色: '浅蓝', 尺码: '80' }, '89.00', 4),
    ],
  },
  {
    itemId: '702918845361',
    title: '经典低帮帆布鞋 男女同款',
    category: '鞋靴',
    customised: false,
    skus: [
      sku('canvas_white_36', { 颜色: '白色', 鞋码: '36' }, '169.00', 5),
      sku('canvas_white_37', { 颜色: '白色', 鞋码: '37' }, '169.00', 0),
      sku('canvas_white_38', { 颜色: '白色', 鞋码: '38' }, '169.00', 8),
      sku('canvas_white_39', { 颜色: '白色', 鞋码: '39' }, '169.00', 10),
      sku('canvas_white_40', { 颜色: '白色', 鞋码: '40' }, '169.00', 9),
      sku('canvas_white_41', { 颜色: '白色', 鞋码: '41' }, '169.00', 6),
      sku('canvas_white_42', { 颜色: '白色', 鞋码: '42' }, '169.00', 4),
      sku('canvas_black_38', { 颜色: '黑色', 鞋码: '38' }, '169.00', 3),
      sku('canvas_black_40', { 颜色: '黑色', 鞋码: '40' }, '169.00', 5),
      sku('canvas_black_42', { 颜色: '黑色', 鞋码: '42' }, '169.00', 2),
    ],
  },
  {
    itemId: '715566021483',
    title: '小满氨基酸温和洁面乳',
    category: '美妆护肤',
    customised: false,
    skus: [sku('cleanser_100', { 规格: '100g' }, '79.00', 60), sku('cleanser_150', { 规格: '150g' }, '109.00', 25)],
  },
  {
    itemId: '715566021590',
    title: '小满积雪草修护面霜 50g',
    category: '美妆护肤',
    customised: false,
    skus: [sku('cream_50', { 规格: '50g' }, '139.00', 18)],
  },
  {
    itemId: '730415562281',
    title: '临安手剥山核桃 250g/袋',
    category: '食品',
    customised: false,
    skus: [sku('nuts_cream', { 口味: '奶油味' }, '49.90', 120), sku('nuts_salt', { 口味: '椒盐味' }, '49.90', 45)],
  },
  {
    itemId: '730415562398',
    title: '2026新茶 西湖龙井 250g 罐装',
    category: '食品',
    customised: false,
    skus: [sku('longjing_premium', { 等级: '明前特级' }, '368.00', 15), sku('longjing_first', { 等级: '雨前一级' }, '198.00', 40)],
  },
  {
    itemId: '733104958820',
    title: '汝窑功夫茶具套装 一壶四杯 礼盒装',
    category: '茶具',
    customised: false,
    skus: [sku('teaset_sky', { 颜色: '天青' }, '299.00', 11), sku('teaset_moon', { 颜色: '月白' }, '299.00', 0)],
  },
  {
    itemId: '733104958937',
    title: '玻璃飘逸杯 茶水分离泡茶杯',
    category: '茶具',
    customised: false,
    skus: [sku('piaoyi_500', { 容量: '500ml' }, '69.00', 30), sku('piaoyi_750', { 容量: '750ml' }, '89.00', 12)],
  },
  {
    itemId: '746620315004',
    title: '小满原木抽纸 3层100抽',
    category: '纸品湿巾',
    customised: false,
    skus: [sku('tissue_24', { 规格: '3层100抽×24包' }, '39.90', 200), sku('tissue_6', { 规格: '3层100抽×6包' }, '12.90', 80)],
  },
  {
    itemId: '746620315121',
    title: '小满婴儿手口湿巾 80抽 带盖',
    category: '纸品湿巾',
    customised: false,
    skus: [sku('wipes_5', { 规格: '80抽×5包' }, '29.90', 90), sku('wipes_10', { 规格: '80抽×10包' }, '55.90', 0)],
  },
  {
    itemId: '759013662248',
    title: '硅藻泥软地垫 浴室吸水防滑',
    category: '家居日用',
    customised: false,
    skus: [sku('bathmat_40x60', { 尺寸: '40×60cm' }, '49.90', 35), sku('bathmat_50x80', { 尺寸: '50×80cm' }, '69.90', 14)],
  },
  {
    itemId: '759013662355',
    title: '小满316不锈钢保温杯',
    category: '家居日用',
    customised: false,
    skus: [
      sku('cup_white_500', { 颜色: '雾白', 容量: '500ml' }, '99.00', 25),
      sku('cup_green_500', { 颜色: '墨绿', 容量: '500ml' }, '99.00', 13),
      sku('cup_pink_500', { 颜色: '樱粉', 容量: '500ml' }, '99.00', 0),
      sku('cup_white_350', { 颜色: '雾白', 容量: '350ml' }, '89.00', 9),
    ],
  },
];

const item = (itemId: string) => DEMO_ITEMS.find((i) => i.itemId === itemId)!;

function line(oid: string, itemId: string, skuId: string, quantity = 1): OrderLine {
  const it = item(itemId);
  const sku = it.skus.find((s) => s.skuId === skuId)!;
  const payment = (Number(sku.price) * quantity).toFixed(2);
  return {
    oid,
    itemId,
    skuId,
    title: it.title,
    skuProperties: sku.properties,
    price: sku.price,
    quantity,
    payment,
    customised: it.customised,
    sevenDayReturn: !it.customised,
  };
}

const RECEIVER = { name: '张小满', mobile: '13800001111', state: '浙江省', city: '杭州市', district: '西湖区', address: '文三路100号1幢2单元301' };

interface Spec {
  tid: string;
  buyerId: string;
  platform?: Trade['platform'];
  status: Trade['status'];
  lines: OrderLine[];
  /** Hours before now. */
  createdH: number;
  paidH?: number;
  shippedH?: number;
  signedH?: number;
  /** Signed "d days ago", date only. */
  signedDateDaysAgo?: number;
  endedH?: number;
  postFee?: string;
  returnInsurance?: boolean;
  printed?: boolean;
  refunds?: {
    refundId: string;
    oid: string;
    status: Trade['refunds'][number]['status'];
    reason: string;
    createdH: number;
    timeoutInH?: number;
    /** 小二介入 asked for, hours before now. */
    interventionH?: number;
  }[];
}

const SPECS: Spec[] = [
  { tid: '3289114476201230001', buyerId: 'tb_buyer_001', status: 'WAIT_BUYER_PAY', lines: [line('o1', 'item_tee', 'tee_white_m')], createdH: 2 },
  { tid: '3289114476201230002', buyerId: 'tb_buyer_001', status: 'WAIT_SELLER_SEND_GOODS', lines: [line('o2', 'item_coat', 'coat_camel_m')], createdH: 81, paidH: 80, printed: false },
  { tid: '3289114476201230003', buyerId: 'tb_buyer_001', status: 'WAIT_SELLER_SEND_GOODS', lines: [line('o3', 'item_sneaker', 'sneaker_41')], createdH: 11, paidH: 10, printed: true, postFee: '10.00' },
  {
    tid: '3289114476201230004',
    buyerId: 'tb_buyer_001',
    status: 'WAIT_BUYER_CONFIRM_GOODS',
    lines: [line('o4', 'item_tee', 'tee_white_m')],
    createdH: 100,
    paidH: 99,
    shippedH: 80,
    signedH: 48,
    returnInsurance: true,
  },
  {
    tid: '3289114476201230005',
    buyerId: 'tb_buyer_001',
    status: 'WAIT_BUYER_CONFIRM_GOODS',
    lines: [line('o5', 'item_sneaker', 'sneaker_41')],
    createdH: 120,
    paidH: 119,
    shippedH: 100,
    signedDateDaysAgo: 3,
    postFee: '10.00',
  },
  { tid: '3289114476201230006', buyerId: 'tb_buyer_001', status: 'WAIT_BUYER_CONFIRM_GOODS', lines: [line('o6', 'item_lipstick', 'lipstick_316')], createdH: 50, paidH: 49, shippedH: 30 },
  { tid: '3289114476201230007', buyerId: 'tb_buyer_001', status: 'TRADE_FINISHED', lines: [line('o7', 'item_mug', 'mug_custom')], createdH: 300, paidH: 299, shippedH: 250, signedH: 200, endedH: 120 },
  {
    tid: '3289114476201230008',
    buyerId: 'tb_buyer_001',
    status: 'TRADE_FINISHED',
    lines: [line('o8a', 'item_tee', 'tee_black_m', 2), line('o8b', 'item_lipstick', 'lipstick_316')],
    createdH: 600,
    paidH: 599,
    shippedH: 580,
    signedH: 560,
    endedH: 480,
  },
  { tid: '3289114476201230009', buyerId: 'tb_buyer_001', status: 'TRADE_CLOSED', lines: [line('o9', 'item_tee', 'tee_black_m')], createdH: 200, endedH: 180 },
  {
    tid: '3289114476201230010',
    buyerId: 'tb_buyer_001',
    status: 'WAIT_BUYER_CONFIRM_GOODS',
    lines: [line('o10', 'item_tee', 'tee_white_s')],
    createdH: 300,
    paidH: 299,
    shippedH: 280,
    signedH: 240,
  },
  {
    tid: '3289114476201230011',
    buyerId: 'tb_buyer_001',
    status: 'WAIT_BUYER_CONFIRM_GOODS',
    lines: [line('o11', 'item_tee', 'tee_white_xl')],
    createdH: 90,
    paidH: 89,
    shippedH: 70,
    signedH: 30,
    refunds: [{ refundId: 'rf11', oid: 'o11', status: 'WAIT_SELLER_AGREE', reason: '尺码不合适', createdH: 5, timeoutInH: 67 }],
  },
  { tid: '3289114476201230021', buyerId: 'tb_buyer_002', platform: 'taobao', status: 'WAIT_SELLER_SEND_GOODS', lines: [line('o21', 'item_tee', 'tee_white_l')], createdH: 91, paidH: 90 },
  { tid: '3289114476201230022', buyerId: 'tb_buyer_002', platform: 'taobao', status: 'WAIT_BUYER_CONFIRM_GOODS', lines: [line('o22', 'item_tee', 'tee_white_m')], createdH: 100, paidH: 99, shippedH: 80, signedH: 20, postFee: '8.00' },
  { tid: '3289114476201230031', buyerId: 'tb_buyer_003', status: 'WAIT_BUYER_CONFIRM_GOODS', lines: [line('o31', 'item_sneaker', 'sneaker_41')], createdH: 60, paidH: 59, shippedH: 40, signedH: 10 },
  {
    tid: '3289114476201230041',
    buyerId: 'tb_buyer_004',
    status: 'WAIT_BUYER_CONFIRM_GOODS',
    lines: [line('o41', 'item_tee', 'tee_white_m')],
    createdH: 90,
    paidH: 89,
    shippedH: 70,
    signedH: 40,
    refunds: [{ refundId: 'rf41', oid: 'o41', status: 'WAIT_SELLER_AGREE', reason: '不喜欢/不想要了', createdH: 20, timeoutInH: 52 }],
  },
  {
    tid: '3289114476201230051',
    buyerId: 'tb_buyer_005',
    status: 'WAIT_BUYER_CONFIRM_GOODS',
    lines: [line('o51', 'item_sneaker', 'sneaker_41')],
    createdH: 130,
    paidH: 129,
    shippedH: 110,
    signedH: 70,
    postFee: '10.00',
    refunds: [{ refundId: 'rf51', oid: 'o51', status: 'SELLER_REFUSE_BUYER', reason: '质量问题', createdH: 50 }],
  },
  {
    tid: '3289114476201230061',
    buyerId: 'tb_buyer_006',
    status: 'WAIT_BUYER_CONFIRM_GOODS',
    lines: [line('o61', 'item_lipstick', 'lipstick_316')],
    createdH: 200,
    paidH: 199,
    shippedH: 180,
    refunds: [{ refundId: 'rf61', oid: 'o61', status: 'SELLER_REFUSE_BUYER', reason: '未收到货', createdH: 100, interventionH: 20 }],
  },
  // Shipped five days ago; the courier's last scan is the pickup.
  { tid: '3289114476201230071', buyerId: 'tb_buyer_007', status: 'WAIT_BUYER_CONFIRM_GOODS', lines: [line('o71', 'item_tee', 'tee_black_m')], createdH: 150, paidH: 149, shippedH: 120 },
  { tid: '3289114476201230081', buyerId: 'tb_buyer_008', status: 'WAIT_SELLER_SEND_GOODS', lines: [line('o81', '681250339472', 'hoodie_black_xl')], createdH: 6, paidH: 5, printed: false },
  // Paid 60 h ago: past the shop's 48 h promise, not yet the platform's 72 h (R16).
  { tid: '3289114476201230091', buyerId: 'tb_buyer_009', status: 'WAIT_SELLER_SEND_GOODS', lines: [line('o91', 'item_tee', 'tee_white_m')], createdH: 61, paidH: 60, printed: true },
  // Black XL signed yesterday, postage paid and 运费险; black XXL (one size up) is sold out.
  {
    tid: '3289114476201230101',
    buyerId: 'tb_buyer_010',
    status: 'WAIT_BUYER_CONFIRM_GOODS',
    lines: [line('o101', '681250339472', 'hoodie_black_xl')],
    createdH: 80,
    paidH: 79,
    shippedH: 60,
    signedH: 20,
    postFee: '8.00',
    returnInsurance: true,
  },
  // Two orders with refunds, the second with two lines refunding.
  {
    tid: '3289114476201230111',
    buyerId: 'tb_buyer_011',
    status: 'TRADE_FINISHED',
    lines: [line('o111', 'item_lipstick', 'lipstick_316')],
    createdH: 300,
    paidH: 299,
    shippedH: 280,
    signedH: 250,
    endedH: 100,
    refunds: [{ refundId: 'rf111', oid: 'o111', status: 'SUCCESS', reason: '质量问题', createdH: 90 }],
  },
  {
    tid: '3289114476201230112',
    buyerId: 'tb_buyer_011',
    status: 'WAIT_BUYER_CONFIRM_GOODS',
    lines: [line('o112a', 'item_tee', 'tee_white_s'), line('o112b', 'item_sneaker', 'sneaker_40')],
    createdH: 100,
    paidH: 99,
    shippedH: 80,
    signedH: 30,
    refunds: [
      { refundId: 'rf112a', oid: 'o112a', status: 'WAIT_BUYER_RETURN_GOODS', reason: '尺码不合适', createdH: 20, timeoutInH: 100 },
      { refundId: 'rf112b', oid: 'o112b', status: 'WAIT_SELLER_CONFIRM_GOODS', reason: '不喜欢/不想要了', createdH: 25, timeoutInH: 70 },
    ],
  },
];

function materialise(spec: Spec, now: Date): Trade {
  const ago = (h: number) => shanghaiIso(new Date(now.getTime() - h * HOUR));
  const postFee = spec.postFee ?? '0.00';
  const goods = spec.lines.reduce((sum, l) => sum + Number(l.payment), 0);
  const signTime =
    spec.signedH !== undefined ? ago(spec.signedH) : spec.signedDateDaysAgo !== undefined ? ago(spec.signedDateDaysAgo * 24).slice(0, 10) : undefined;
  return {
    tid: spec.tid,
    buyerId: spec.buyerId,
    platform: spec.platform ?? 'tmall',
    status: spec.status,
    created: ago(spec.createdH),
    ...(spec.paidH !== undefined && { payTime: ago(spec.paidH) }),
    ...(spec.shippedH !== undefined && { consignTime: ago(spec.shippedH) }),
    ...(signTime && { signTime }),
    ...(spec.endedH !== undefined && { endTime: ago(spec.endedH) }),
    payment: (goods + Number(postFee)).toFixed(2),
    postFee,
    freeShipping: postFee === '0.00',
    returnInsurance: spec.returnInsurance ?? false,
    printed: spec.printed ?? spec.shippedH !== undefined,
    receiver: RECEIVER,
    orders: spec.lines,
    refunds: (spec.refunds ?? []).map((r) => ({
      refundId: r.refundId,
      oid: r.oid,
      status: r.status,
      reason: r.reason,
      refundFee: spec.lines.find((l) => l.oid === r.oid)!.payment,
      created: ago(r.createdH),
      ...(r.timeoutInH !== undefined && { timeout: ago(-r.timeoutInH) }),
      ...(r.interventionH !== undefined && { interventionRequestedAt: ago(r.interventionH) }),
    })),
  };
}

/** The demo trades as they stand at `now`; `which` picks the ones to build (each built is a few dozen dates). */
export function demoTrades(now: Date, which: (spec: { tid: string; buyerId: string }) => boolean = () => true): Trade[] {
  return SPECS.filter(which).map((spec) => materialise(spec, now));
}

export function demoLogistics(trade: Trade): Logistics | undefined {
  if (!trade.consignTime) return undefined;
  const events = [{ time: trade.consignTime, description: '【杭州市】申通快递 已揽收' }];
  if (trade.signTime && trade.signTime.length > 10) events.push({ time: trade.signTime, description: '【杭州市】已签收，签收人：本人' });
  return { tid: trade.tid, company: '申通快递', trackingNo: `77${trade.tid.slice(-10)}`, events };
}
