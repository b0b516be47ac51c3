/** Maps a contract trade onto the plain facts the policy functions take. */
import { parseYuan } from '../../knowledge/policy/money.js';
import type { OrderFacts } from '../../knowledge/policy/orderFacts.js';
import type { ExchangeInput } from '../../knowledge/policy/exchange.js';
import type { RefundInput } from '../../knowledge/policy/refund.js';
import type { ShipmentInput } from '../../knowledge/policy/shipment.js';
import type { SignTime } from '../../knowledge/policy/time.js';
import type { ItemSkus, OrderLine, Sku, Trade } from './contract.js';
import { lineAsExchangeSku, skuAsExchangeTarget } from './skus.js';

export function signTimeOf(trade: Trade): SignTime | undefined {
  if (!trade.signTime) return undefined;
  return trade.signTime.length === 10 ? { kind: 'date', date: trade.signTime } : { kind: 'exact', at: new Date(trade.signTime) };
}

const at = (iso: string | undefined) => (iso ? new Date(iso) : undefined);

export function toOrderFacts(trade: Trade): OrderFacts {
  return {
    platform: trade.platform,
    status: trade.status,
    createdAt: new Date(trade.created),
    paidAt: at(trade.payTime),
    shippedAt: at(trade.consignTime),
    signed: signTimeOf(trade),
    finishedAt: trade.status === 'TRADE_FINISHED' ? at(trade.endTime) : undefined,
    exchangeRequestedAt: at(trade.exchangeRequestedAt),
    refunds: trade.refunds.map((r) => ({ id: r.refundId, status: r.status, createdAt: new Date(r.created), timeoutAt: at(r.timeout) })),
  };
}

/** The facts `routeRefund` needs for one line of a trade and the reason the buyer gave. */
export function toRefundInput(trade: Trade, line: OrderLine, reasonId: string): RefundInput {
  const { signed, finishedAt } = toOrderFacts(trade);
  return {
    platform: trade.platform,
    status: trade.status,
    reasonId,
    freeShipping: trade.freeShipping,
    returnInsurance: trade.returnInsurance,
    sevenDaySupported: line.sevenDayReturn,
    customised: line.customised,
    signed,
    finishedAt,
    goods: parseYuan(line.payment),
    postFee: parseYuan(trade.postFee),
  };
}

/** The facts `exchangeEligibility` needs to swap one line for another SKU of its item. */
export function toExchangeInput(
  trade: Trade,
  line: OrderLine,
  item: ItemSkus,
  target: Sku,
  answers: Pick<ExchangeInput, 'intact' | 'postageAgreed'> = {},
): ExchangeInput {
  return {
    status: trade.status,
    signed: signTimeOf(trade),
    freeShipping: trade.freeShipping,
    line: lineAsExchangeSku(line),
    target: skuAsExchangeTarget(item, target),
    ...answers,
  };
}

/** The facts `shipmentStatus` needs (the price without postage, R15); undefined until paid. */
export function toShipmentInput(trade: Trade): ShipmentInput | undefined {
  if (!trade.payTime) return undefined;
  return { platform: trade.platform, paidAt: new Date(trade.payTime), price: parseYuan(trade.payment) - parseYuan(trade.postFee) };
}
