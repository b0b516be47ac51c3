/**
 * The order contract between Kefu and the shop's order system, modelled on Taobao Open Platform
 * trades (taobao.trade.fullinfo.get, taobao.refunds.receive.get, taobao.logistics.trace.search,
 * taobao.item.sku.get) with camelCase names. Defined once here; docs/order-api.schema.json is
 * generated from it (`npm run contract:write`) and a test fails when it is stale.
 */
import { z } from 'zod';
import { PLATFORMS, TRADE_STATUSES } from '../../knowledge/schema.js';
import { REFUND_STATUSES } from '../../knowledge/policy/orderFacts.js';

/** Money as Taobao sends it: a decimal string in yuan with at most two decimals, e.g. "199.00". */
export const Yuan = z.string().regex(/^\d+(\.\d{1,2})?$/, 'expected yuan as a decimal string, e.g. "199.00"').describe('Amount in yuan, e.g. "199.00"');
const DateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 with offset, e.g. 2026-11-20T14:03:00+08:00');
/** The courier may report the signing day only (R1 counts such windows from the next midnight). */
const SignTime = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .describe('When the parcel was signed for: a full date-time, or only the date (YYYY-MM-DD, Asia/Shanghai)');
const Id = z.string().min(1).max(64);
const Properties = z.record(z.string(), z.string()).describe('SKU properties, e.g. {"颜色": "白色", "尺码": "M"}');

export const OrderLine = z.object({
  oid: Id.describe('order line id'),
  itemId: Id,
  skuId: Id,
  title: z.string().min(1),
  skuProperties: Properties,
  price: Yuan.describe('unit price'),
  quantity: z.number().int().positive(),
  payment: Yuan.describe('what the buyer paid for this line'),
  customised: z.boolean().describe('made to order (定制): no 七天无理由, no exchange'),
  sevenDayReturn: z.boolean().describe('the goods support 七天无理由退货'),
});

export const Refund = z.object({
  refundId: Id,
  oid: Id,
  status: z.enum(REFUND_STATUSES),
  reason: z.string(),
  refundFee: Yuan,
  created: DateTime,
  timeout: DateTime.optional().describe("the platform's deadline for the seller's answer (R14)"),
});

export const Receiver = z.object({
  name: z.string(),
  mobile: z.string(),
  state: z.string(),
  city: z.string(),
  district: z.string(),
  address: z.string(),
});

export const Trade = z.object({
  tid: z.string().regex(/^\d{6,20}$/, 'expected the trade id as a digit string'),
  buyerId: Id,
  platform: z.enum(PLATFORMS),
  status: z.enum(TRADE_STATUSES),
  created: DateTime,
  payTime: DateTime.optional(),
  consignTime: DateTime.optional().describe('shipped'),
  signTime: SignTime.optional(),
  endTime: DateTime.optional().describe('交易成功 or 交易关闭'),
  payment: Yuan.describe('total paid, postage included'),
  postFee: Yuan,
  freeShipping: z.boolean().describe('包邮'),
  returnInsurance: z.boolean().describe('退货运费险 bought'),
  printed: z.boolean().describe('the shipping label has been printed (F8)'),
  receiver: Receiver,
  orders: z.array(OrderLine).min(1),
  refunds: z.array(Refund),
  exchangeRequestedAt: DateTime.optional(),
});

export const TradeList = z.object({ trades: z.array(Trade) });

export const Sku = z.object({
  skuId: Id,
  properties: Properties,
  price: Yuan,
  stock: z.number().int().nonnegative(),
  onSale: z.boolean(),
});

export const ItemSkus = z.object({
  itemId: Id,
  title: z.string().min(1),
  customised: z.boolean(),
  skus: z.array(Sku),
});

export const Logistics = z.object({
  tid: z.string(),
  company: z.string(),
  trackingNo: z.string(),
  events: z.array(z.object({ time: DateTime, description: z.string() })),
});

export type Trade = z.infer<typeof Trade>;
export type OrderLine = z.infer<typeof OrderLine>;
export type Refund = z.infer<typeof Refund>;
export type Sku = z.infer<typeof Sku>;
export type ItemSkus = z.infer<typeof ItemSkus>;
export type Logistics = z.infer<typeof Logistics>;

/** The HTTP endpoints of the contract, relative to ORDER_API_URL. */
export const ENDPOINTS = {
  trade: (tid: string) => `/trades/${encodeURIComponent(tid)}`,
  buyerTrades: (buyerId: string, limit: number) => `/buyers/${encodeURIComponent(buyerId)}/trades?limit=${limit}`,
  itemSkus: (itemId: string) => `/items/${encodeURIComponent(itemId)}/skus`,
  logistics: (tid: string) => `/trades/${encodeURIComponent(tid)}/logistics`,
} as const;

/** Where the generated JSON Schema is published (relative to the repository root). */
export const CONTRACT_SCHEMA_PATH = 'docs/order-api.schema.json';

/** The JSON Schema published at CONTRACT_SCHEMA_PATH: one definition per response type. */
export function contractJsonSchema(): object {
  const schemas = { Trade, TradeList, OrderLine, Refund, ItemSkus, Sku, Logistics };
  const definition = (schema: z.ZodType) => {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema);
    return rest;
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Kefu order contract',
    description: 'Responses of the shop order API that Kefu reads. See docs/order-api.md.',
    $defs: Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, definition(schema)])),
  };
}
