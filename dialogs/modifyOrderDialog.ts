/**
 * F8 订单修改 (`003` 订单修改流程): by print and ship state — not printed: we edit it directly;
 * printed: the print is voided and the order re-audited; shipped: the courier intercepts and
 * returns it, or the address is changed with the courier. The change itself is recorded for
 * the agents, who make it in the ERP.
 *
 * A new size or colour before shipment ("XL换成L", "尺码拍错了 换M") is a change of the order's
 * SKU, not an exchange: the new SKU is checked (it exists, it is in stock), the price difference
 * and what happens next are said, and once the buyer agrees the change is recorded.
 */
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Entities } from '../bot/nlu/types.js';
import type { Item, OrderLine, Trade } from '../bot/orders/contract.js';
import type { OrderService } from '../bot/orders/orderService.js';
import { skuName } from '../bot/orders/skus.js';
import { parseYuan } from '../knowledge/policy/money.js';
import { skuChangeBeforeShipment, wantedSku } from '../knowledge/policy/skuChange.js';
import type { FlowOptions } from './exchangeDialog.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { OrderPickerDialog, PICK_ORDER } from './orderPicker.js';
import { getRecognition } from './turnContext.js';

export const MODIFY_ORDER = 'modifyOrder';
const SKU_CHANGE = `${MODIFY_ORDER}.sku`;

/** Where the order is, as F8 branches on it. */
export const MODIFICATION_STAGES = ['unpaid', 'not_printed', 'printed', 'shipped'] as const;

export function modificationStage(trade: Trade): (typeof MODIFICATION_STAGES)[number] {
  if (trade.status === 'WAIT_BUYER_PAY') return 'unpaid';
  if (trade.status === 'WAIT_SELLER_SEND_GOODS') return trade.printed ? 'printed' : 'not_printed';
  return 'shipped';
}

/** Ids only: the order, its line, and the SKU it is to become; facts are looked up when needed. */
interface SkuChangeState {
  tid: string;
  oid: string;
  skuId: string;
}

/** An order, one of its lines and that line's item with its SKUs. */
export interface LineFacts {
  trade: Trade;
  line: OrderLine;
  item: Item;
}

/** The facts of a line, fresh from the order system (stock moves): flows keep only the ids. */
export async function loadLineFacts(orders: OrderService, buyerId: string, ids: { tid: string; oid: string }): Promise<LineFacts> {
  const trade = await orders.getTrade(buyerId, ids.tid);
  const line = trade.orders.find((o) => o.oid === ids.oid)!;
  return { trade, line, item: await orders.getItem(line.itemId) };
}

/** The new size or colour a message asks for: the one named after 换/改 ("XL换成L" → L), else the one named. */
export function skuWishOf(entities: Entities | undefined): Pick<FlowOptions, 'size' | 'colour' | 'sizeStep'> {
  if (!entities) return {};
  const { size, colour, changeTo, sizeStep } = entities;
  return { size: changeTo?.size ?? size, colour: changeTo?.colour ?? colour, sizeStep };
}

const KEEP = 'keep';
const KEEP_PHRASES = ['不改了', '先不改', '不用改', '不用了', '算了不改', '还是原来的'];

export class ModifyOrderDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(MODIFY_ORDER, deps);
    this.addDialog(new OrderPickerDialog(deps));
    this.waterfall('main', [
      [
        'order',
        (s) => s.beginDialog(PICK_ORDER, { statuses: ['WAIT_BUYER_PAY', 'WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS'], tid: (s.options as FlowOptions).tid }),
      ],
      ['what', (s) => this.askWhat(s)],
      ['record', (s) => this.record(s)],
    ]);
    this.waterfall('sku', [
      ['line', (s) => this.chooseLine(s)],
      ['target', (s) => this.withFacts(s, (facts) => this.checkTarget(s, facts))],
      ['confirm', (s) => this.withFacts(s, (facts) => this.confirmChange(s, facts))],
      ['done', (s) => this.withFacts(s, (facts) => this.recordChange(s, facts))],
    ]);
  }

  private async askWhat(step: WaterfallStepContext) {
    const trade = step.result as Trade | undefined;
    if (!trade) return step.endDialog();
    await this.focus(step.context, trade.tid);
    const options = step.options as FlowOptions;
    if (changesSku(trade, options)) return step.replaceDialog(SKU_CHANGE, { ...options, tid: trade.tid } satisfies FlowOptions);
    (step.values as { tid: string }).tid = trade.tid;
    return this.askText(step, `modify.${modificationStage(trade)}`, {}, { onTheSpot: false });
  }

  /** The buyer's own words; naming a size or colour ("改成L码") makes it a change of SKU. */
  private async record(step: WaterfallStepContext) {
    let trade: Trade;
    try {
      trade = await this.deps.orders.getTrade(this.buyerOf(step), (step.values as { tid: string }).tid);
    } catch (error) {
      return this.orderFailure(step, error);
    }
    const wish = skuWishOf(getRecognition(step.context)?.entities);
    if (changesSku(trade, wish)) return step.replaceDialog(SKU_CHANGE, { ...wish, tid: trade.tid } satisfies FlowOptions);
    const stage = await this.recordOrderChange(step, trade, { request: String(step.result) });
    await this.say(step.context, 'modify.recorded', { stage });
    return step.endDialog();
  }

  private async chooseLine(step: WaterfallStepContext) {
    const state = step.values as SkuChangeState;
    state.tid = (step.options as FlowOptions).tid!;
    let trade: Trade;
    try {
      trade = await this.deps.orders.getTrade(this.buyerOf(step), state.tid);
    } catch (error) {
      return this.orderFailure(step, error);
    }
    return this.askWhichLine(step, trade);
  }

  /** Does the wanted SKU exist, and is it in stock? If not, say so and offer what is. */
  private async checkTarget(step: WaterfallStepContext, { line, item }: LineFacts) {
    const current = skuName(line.skuProperties);
    const chart = this.deps.knowledge.catalogue.sizeChart(line.itemId)?.value.rows.map((r) => r.size);
    const wanted = wantedSku(item, { itemId: line.itemId, skuId: line.skuId, properties: line.skuProperties }, step.options as FlowOptions, chart);
    if (wanted.kind === 'edge') await this.say(step.context, 'exchange.sizeEdge', wanted);
    if (wanted.kind !== 'sku') {
      if (wanted.kind !== 'edge') await this.say(step.context, 'exchange.sameSku', { current });
      return step.endDialog();
    }
    if (wanted.stock.status === 'in_stock') return step.next({ value: wanted.stock.matches[0]!.skuId });
    const alternatives = wanted.stock.alternatives.filter((s) => s.stock >= line.quantity);
    await this.say(step.context, 'exchange.unavailable', { wanted: skuName(wanted.wanted), status: wanted.stock.status, nearest: alternatives.map((s) => skuName(s.properties)) });
    if (alternatives.length === 0) {
      await this.say(step.context, 'modify.skuKept', { current });
      return step.endDialog();
    }
    return this.ask(step, 'modify.whichInstead', { current }, [
      ...alternatives.map((s) => ({ value: s.skuId, label: skuName(s.properties) })),
      { value: KEEP, label: '先不改了', polarity: 'no', phrases: KEEP_PHRASES },
    ]);
  }

  /** The price difference and what happens next (F8); unpaid, the buyer re-orders instead. */
  private async confirmChange(step: WaterfallStepContext, facts: LineFacts) {
    const state = step.values as SkuChangeState;
    state.skuId = (step.result as { value: string }).value;
    if (state.skuId === KEEP) return this.keep(step, facts);
    const change = this.change(facts, state.skuId);
    if (change.handling === 'rebuy') {
      await this.say(step.context, 'modify.skuChange', change);
      return step.endDialog();
    }
    return this.askYesNo(step, 'modify.skuChange', change, { yes: '好的，帮我改', no: '先不改了' }, { yes: ['改吧', '帮我改', '麻烦改一下', '可以改'], no: KEEP_PHRASES });
  }

  private async recordChange(step: WaterfallStepContext, facts: LineFacts) {
    if ((step.result as { value: string }).value !== 'yes') return this.keep(step, facts);
    const { trade, line } = facts;
    const change = this.change(facts, (step.values as SkuChangeState).skuId);
    await this.recordOrderChange(step, trade, { oid: line.oid, request: `${skuName(line.skuProperties)} → ${change.target}`, skuId: change.skuId, priceDifferenceFen: String(change.priceDifference) });
    await this.say(step.context, 'modify.skuRecorded', change);
    return step.endDialog();
  }

  /** The agents' order_change case for the change asked; returns the order's stage (what happens next depends on it). */
  private async recordOrderChange(step: WaterfallStepContext, trade: Trade, details: Record<string, string>) {
    const stage = modificationStage(trade);
    await this.deps.cases.record(step.context, { kind: 'order_change', flow: this.id, tid: trade.tid, summary: this.render('case.orderChange', { stage }), details });
    return stage;
  }

  private async keep(step: WaterfallStepContext, { line }: LineFacts) {
    await this.say(step.context, 'modify.skuKept', { current: skuName(line.skuProperties) });
    return step.endDialog();
  }

  /** skuChangeBeforeShipment for the chosen SKU, with what the templates show. */
  private change({ trade, line, item }: LineFacts, skuId: string) {
    const target = item.skus.find((s) => s.skuId === skuId)!;
    // The SKU flow runs only before shipment (changesSku), so the stage is one of these three.
    const stage = modificationStage(trade) as 'unpaid' | 'not_printed' | 'printed';
    const decision = skuChangeBeforeShipment(stage, { price: parseYuan(line.price), quantity: line.quantity }, { price: parseYuan(target.price) });
    const { priceDifference } = decision;
    return { ...decision, skuId, target: skuName(target.properties), difference: Math.abs(priceDifference), dearer: priceDifference > 0, cheaper: priceDifference < 0 };
  }

  /** Runs a step with the facts of the SKU change looked up afresh; the order system failing is said politely. */
  private async withFacts(step: WaterfallStepContext, run: (facts: LineFacts) => Promise<DialogTurnResult>): Promise<DialogTurnResult> {
    const state = step.values as SkuChangeState;
    // The first step after the line question gets the line's oid as its answer.
    state.oid ??= (step.result as { value: string }).value;
    let facts: LineFacts;
    try {
      facts = await loadLineFacts(this.deps.orders, this.buyerOf(step), state);
    } catch (error) {
      return this.orderFailure(step, error);
    }
    return run(facts);
  }
}

/** The buyer named a size or colour, or a size up or down. */
export function asksForSku(wish: FlowOptions): boolean {
  return Boolean(wish.size || wish.colour || wish.sizeStep);
}

/** A size or colour asked for on an order not yet shipped (after shipment it is an exchange, F6). */
function changesSku(trade: Trade, wish: FlowOptions): boolean {
  return modificationStage(trade) !== 'shipped' && asksForSku(wish);
}
