/**
 * Demo orders for `npm start` without ORDER_API_URL, for the tests and for trying flows by hand.
 * Times are relative ("paid 80 h ago") and materialised at each read, so the fixtures never go
 * stale. Together they cover every trade status, free and paid shipping, 运费险, Tmall and
 * Taobao, a customised item, a date-only signature, a multi-line order, SKUs out of stock and
 * at other prices, refunds in progress and a closed 7-day window.
 */
import type { ItemSkus, Logistics, OrderLine, Trade } from '../contract.js';

const HOUR = 3_600_000;

/** ISO 8601 in Asia/Shanghai, as Taobao reports times. */
export function shanghaiIso(at: Date): string {
  return `${new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;
}

export const DEMO_BUYERS = ['tb_buyer_001', 'tb_buyer_002', 'tb_buyer_003'] as const;

export const DEMO_ITEMS: ItemSkus[] = [
  {
    itemId: 'item_tee',
    title: '小满纯棉圆领T恤',
    customised: false,
    skus: [
      { skuId: 'tee_white_s', properties: { 颜色: '白色', 尺码: 'S' }, price: '199.00', stock: 12, onSale: true },
      { skuId: 'tee_white_m', properties: { 颜色: '白色', 尺码: 'M' }, price: '199.00', stock: 30, onSale: true },
      { skuId: 'tee_white_l', properties: { 颜色: '白色', 尺码: 'L' }, price: '199.00', stock: 1, onSale: true },
      { skuId: 'tee_white_xl', properties: { 颜色: '白色', 尺码: 'XL' }, price: '199.00', stock: 8, onSale: true },
      { skuId: 'tee_white_xxl', properties: { 颜色: '白色', 尺码: 'XXL' }, price: '209.00', stock: 5, onSale: true },
      { skuId: 'tee_black_m', properties: { 颜色: '黑色', 尺码: 'M' }, price: '199.00', stock: 9, onSale: true },
      { skuId: 'tee_black_l', properties: { 颜色: '黑色', 尺码: 'L' }, price: '199.00', stock: 0, onSale: true },
      { skuId: 'tee_grey_m', properties: { 颜色: '灰色', 尺码: 'M' }, price: '199.00', stock: 6, onSale: false },
    ],
  },
  {
    itemId: 'item_sneaker',
    title: '轻跑透气运动鞋',
    customised: false,
    skus: [
      { skuId: 'sneaker_40', properties: { 颜色: '白色', 鞋码: '40' }, price: '459.00', stock: 4, onSale: true },
      { skuId: 'sneaker_41', properties: { 颜色: '白色', 鞋码: '41' }, price: '459.00', stock: 7, onSale: true },
      { skuId: 'sneaker_42', properties: { 颜色: '白色', 鞋码: '42' }, price: '459.00', stock: 0, onSale: true },
      { skuId: 'sneaker_43', properties: { 颜色: '白色', 鞋码: '43' }, price: '479.00', stock: 3, onSale: true },
    ],
  },
  {
    itemId: 'item_mug',
    title: '刻字定制陶瓷马克杯',
    customised: true,
    skus: [{ skuId: 'mug_custom', properties: { 颜色: '白色', 刻字: '定制' }, price: '89.00', stock: 99, onSale: true }],
  },
  {
    itemId: 'item_coat',
    title: '双面羊毛大衣',
    customised: false,
    skus: [
      { skuId: 'coat_camel_m', properties: { 颜色: '驼色', 尺码: 'M' }, price: '2000.00', stock: 3, onSale: true },
      { skuId: 'coat_camel_l', properties: { 颜色: '驼色', 尺码: 'L' }, price: '2000.00', stock: 2, onSale: true },
    ],
  },
  {
    itemId: 'item_lipstick',
    title: '丝绒哑光口红 #316',
    customised: false,
    skus: [{ skuId: 'lipstick_316', properties: { 色号: '316' }, price: '320.00', stock: 40, onSale: true }],
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
  refunds?: { refundId: string; oid: string; status: Trade['refunds'][number]['status']; reason: string; createdH: number; timeoutInH?: number }[];
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
    })),
  };
}

export function demoTrades(now: Date): Trade[] {
  return SPECS.map((spec) => materialise(spec, now));
}

export function demoLogistics(trade: Trade): Logistics | undefined {
  if (!trade.consignTime) return undefined;
  const events = [{ time: trade.consignTime, description: '【杭州市】申通快递 已揽收' }];
  if (trade.signTime && trade.signTime.length > 10) events.push({ time: trade.signTime, description: '【杭州市】已签收，签收人：本人' });
  return { tid: trade.tid, company: '申通快递', trackingNo: `77${trade.tid.slice(-10)}`, events };
}
