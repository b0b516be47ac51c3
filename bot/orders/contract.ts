/**
 * The order contract between Kefu and the shop's order system, modelled on Taobao Open Platform
 * trades (taobao.trade.fullinfo.get, taobao.refunds.receive.get, taobao.logistics.trace.search,
 * taobao.item.get / taobao.items.onsale.get) with camelCase names. Defined once here; docs/order-api.schema.json is
 * generated from it (`npm run contract:write`) and a test fails when it is stale.
 */
import { z } from 'zod';
import { PLATFORMS, TRADE_STATUSES } from '../../knowledge/schema.js';
import { REFUND_STATUSES } from '../../knowledge/policy/orderFacts.js';

/**
 * The most the order system may send of anything. Each is generous for real Taobao/Tmall data
 * (item titles are at most 60 characters on Taobao, tracking numbers about 20, sale properties a
 * handful per SKU). An answer past any of them is refused as malformed instead of being carried
 * into conversation state and transcripts: one 20-million-character title once became 470 MB of
 * state for a single conversation. Counts are UTF-16 code units, as zod counts them.
 */
export const CONTRACT_LIMITS = {
  idChars: 64,
  titleChars: 200,
  propertyNameChars: 64,
  propertyValueChars: 128,
  propertiesPerSku: 20,
  refundReasonChars: 200,
  receiverNameChars: 64,
  receiverMobileChars: 32,
  receiverRegionChars: 64,
  receiverAddressChars: 500,
  courierChars: 64,
  trackingNoChars: 64,
  eventDescriptionChars: 1000,
  /** "2026-11-20T14:03:00.123456789+08:00" is 35. */
  timestampChars: 40,
  /** Integer digits of a yuan amount: up to ¥9,999,999,999. */
  yuanDigits: 10,
  quantity: 1_000_000,
  linesPerTrade: 100,
  refundsPerTrade: 100,
  eventsPerLogistics: 500,
  skusPerItem: 2000,
  tradesPerList: 100,
  /** A category path such as "女装/T恤". */
  categoryChars: 100,
  /** What Kefu sends as `q` (title words); longer text is cut before sending. */
  searchQueryChars: 60,
  /** Items in one `/items?q=` answer (Kefu asks for at most 10). */
  itemsPerSearch: 50,
} as const;
const L = CONTRACT_LIMITS;

/** Money as Taobao sends it: a decimal string in yuan with at most two decimals, e.g. "199.00". */
export const Yuan = z
  .string()
  .regex(new RegExp(`^\\d{1,${L.yuanDigits}}(\\.\\d{1,2})?$`), 'expected yuan as a decimal string, e.g. "199.00"')
  .describe('Amount in yuan, e.g. "199.00"');
const OffsetDateTime = z.iso.datetime({ offset: true }).max(L.timestampChars);
const DateTime = OffsetDateTime.describe('ISO 8601 with offset, e.g. 2026-11-20T14:03:00+08:00');
/** The courier may report the signing day only (R1 counts such windows from the next midnight). */
const SignTime = z
  .union([OffsetDateTime, z.iso.date()])
  .describe('When the parcel was signed for: a full date-time, or only the date (YYYY-MM-DD, Asia/Shanghai)');
const Id = z.string().min(1).max(L.idChars);
const Tid = z.string().regex(/^\d{6,20}$/, 'expected the trade id as a digit string');
const text = (maxChars: number) => z.string().max(maxChars);
const Title = z.string().min(1).max(L.titleChars);
const Properties = z
  .record(text(L.propertyNameChars), text(L.propertyValueChars))
  .refine((properties) => Object.keys(properties).length <= L.propertiesPerSku, `expected at most ${L.propertiesPerSku} properties`)
  .meta({ maxProperties: L.propertiesPerSku })
  .describe('SKU properties, e.g. {"颜色": "白色", "尺码": "M"}');

export const OrderLine = z.object({
  oid: Id.describe('order line id'),
  itemId: Id,
  skuId: Id,
  title: Title,
  skuProperties: Properties,
  price: Yuan.describe('unit price'),
  quantity: z.number().int().positive().max(L.quantity),
  payment: Yuan.describe('what the buyer paid for this line'),
  customised: z.boolean().describe('made to order (定制): no 七天无理由, no exchange'),
  sevenDayReturn: z.boolean().describe('the goods support 七天无理由退货'),
});

export const Refund = z.object({
  refundId: Id,
  oid: Id,
  status: z.enum(REFUND_STATUSES),
  reason: text(L.refundReasonChars),
  refundFee: Yuan,
  created: DateTime,
  timeout: DateTime.optional().describe("the platform's countdown on the refund's current step, e.g. the seller's answer (R14)"),
  interventionRequestedAt: DateTime.optional().describe('when the buyer asked for 小二/天猫客服介入 (R14, F15)'),
});

export const Receiver = z.object({
  name: text(L.receiverNameChars),
  mobile: text(L.receiverMobileChars),
  state: text(L.receiverRegionChars),
  city: text(L.receiverRegionChars),
  district: text(L.receiverRegionChars),
  address: text(L.receiverAddressChars),
});

export const Trade = z.object({
  tid: Tid,
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
  orders: z.array(OrderLine).min(1).max(L.linesPerTrade),
  refunds: z.array(Refund).max(L.refundsPerTrade),
  exchangeRequestedAt: DateTime.optional(),
});

export const TradeList = z.object({ trades: z.array(Trade).max(L.tradesPerList) });

export const Sku = z.object({
  skuId: Id,
  properties: Properties,
  price: Yuan,
  stock: z.number().int().nonnegative(),
  onSale: z.boolean(),
});

/** An item of the shop: what `GET /items/{itemId}` answers. */
export const Item = z.object({
  itemId: Id,
  title: Title,
  category: z.string().min(1).max(L.categoryChars).describe('the shop\'s category of the item, e.g. 服装 or 女装/T恤'),
  customised: z.boolean().describe('made to order (定制): no 七天无理由, no exchange'),
  skus: z.array(Sku).max(L.skusPerItem),
});

/** One hit of `GET /items?q=`: enough to name the item and show a card; read the item for its SKUs. */
export const ItemSummary = z.object({
  itemId: Id,
  title: Title,
  category: z.string().min(1).max(L.categoryChars),
  minPrice: Yuan.describe('lowest SKU price'),
  maxPrice: Yuan.describe('highest SKU price'),
  inStock: z.boolean().describe('some SKU is on sale with stock'),
});

export const ItemSearch = z.object({ items: z.array(ItemSummary).max(L.itemsPerSearch) });

export const Logistics = z.object({
  tid: Tid,
  company: text(L.courierChars).describe('the courier, e.g. 申通快递'),
  trackingNo: text(L.trackingNoChars),
  events: z.array(z.object({ time: DateTime, description: text(L.eventDescriptionChars) })).max(L.eventsPerLogistics),
});

export type Trade = z.infer<typeof Trade>;
export type OrderLine = z.infer<typeof OrderLine>;
export type Refund = z.infer<typeof Refund>;
export type Sku = z.infer<typeof Sku>;
export type Item = z.infer<typeof Item>;
export type ItemSummary = z.infer<typeof ItemSummary>;
export type ItemSearch = z.infer<typeof ItemSearch>;
/** What the exchange flow reads of an item (`GET /items/{itemId}` has replaced `/items/{itemId}/skus`). */
export type ItemSkus = Pick<Item, 'itemId' | 'title' | 'customised' | 'skus'>;
export type Logistics = z.infer<typeof Logistics>;

/** The HTTP endpoints of the contract, relative to ORDER_API_URL. */
export const ENDPOINTS = {
  trade: (tid: string) => `/trades/${encodeURIComponent(tid)}`,
  buyerTrades: (buyerId: string, limit: number) => `/buyers/${encodeURIComponent(buyerId)}/trades?limit=${limit}`,
  item: (itemId: string) => `/items/${encodeURIComponent(itemId)}`,
  searchItems: (query: string, limit: number) => `/items?q=${encodeURIComponent(query)}&limit=${limit}`,
  logistics: (tid: string) => `/trades/${encodeURIComponent(tid)}/logistics`,
} as const;

/** Where the generated JSON Schema is published (relative to the repository root). */
export const CONTRACT_SCHEMA_PATH = 'docs/order-api.schema.json';

/** The JSON Schema published at CONTRACT_SCHEMA_PATH: one definition per response type. */
export function contractJsonSchema(): object {
  const schemas = { Trade, TradeList, OrderLine, Refund, Item, ItemSearch, ItemSummary, Sku, Logistics };
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
