/**
 * F6 换货 (`000` 天猫换货流程, `004` §3): which order and item → which new size/colour (the one
 * named, the next size that way for "小一码/大一码", or a choice among the SKUs the policy would
 * accept: same item, on sale, in stock, same price) → intact? → postage agreed where not 包邮 →
 * allowed: next steps and deadlines; refused: every reason and the alternatives. Rules R10–R13,
 * R1–R4. Another item is no exchange (R11): return and re-buy. An order not yet shipped is not
 * exchanged but changed (F8): the order-change flow takes it.
 */
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Trade } from '../bot/orders/contract.js';
import { toExchangeInput, toOrderFacts } from '../bot/orders/orderFacts.js';
import { skuName } from '../bot/orders/skus.js';
import { runningDeadlines } from '../knowledge/policy/deadlines.js';
import { exchangeEligibility, type ExchangeInput } from '../knowledge/policy/exchange.js';
import { adjacentSize, wantedSku, type SizeDirection, type SkuWish } from '../knowledge/policy/skuChange.js';
import { stockOf } from '../knowledge/policy/stock.js';
import type { TradeStatus } from '../knowledge/schema.js';
import { explainExchange, listDeadlines } from '../templates/explain.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { asksForSku, loadLineFacts, MODIFY_ORDER, type LineFacts } from './modifyOrderDialog.js';
import { OrderPickerDialog, PICK_ORDER } from './orderPicker.js';
import { getRecognition } from './turnContext.js';

export const EXCHANGE = 'exchange';

export interface FlowOptions {
  tid?: string;
  size?: string;
  colour?: string;
  /** "小一码" / "大一码". */
  sizeStep?: SizeDirection;
}

/** Ids and the buyer's answers only; the order and the item's SKUs are looked up when needed. */
interface ExchangeState {
  tid: string;
  oid: string;
  /** Catalogue items the first message named ("换成那件T恤"). */
  mentionedItemIds: string[];
  targetSkuId: string;
  intact?: boolean;
  postageAgreed?: boolean;
}

type ExchangeFacts = LineFacts;

export class ExchangeDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(EXCHANGE, deps);
    this.addDialog(new OrderPickerDialog(deps));
    this.waterfall('main', [
      ['order', (s) => this.pickOrder(s)],
      ['line', (s) => this.chooseLine(s)],
      ['target', (s) => this.withFacts(s, (facts) => this.chooseTarget(s, facts))],
      ['intact', (s) => this.withFacts(s, (facts) => this.askIntact(s, facts))],
      ['postage', (s) => this.withFacts(s, (facts) => this.askPostage(s, facts))],
      ['decide', (s) => this.withFacts(s, (facts) => this.decide(s, facts))],
    ]);
  }

  private state(step: WaterfallStepContext): ExchangeState {
    return step.values as ExchangeState;
  }

  /** With a new size or colour named, orders not yet shipped too: for those it is an order change (F8). */
  private pickOrder(step: WaterfallStepContext) {
    const text = getRecognition(step.context)?.text ?? '';
    this.state(step).mentionedItemIds = this.deps.knowledge.catalogue.mentionedIn(text).map((e) => e.itemId);
    const options = step.options as FlowOptions;
    const statuses: TradeStatus[] = ['WAIT_BUYER_CONFIRM_GOODS', 'TRADE_FINISHED'];
    return step.beginDialog(PICK_ORDER, { statuses: asksForSku(options) ? ['WAIT_SELLER_SEND_GOODS', ...statuses] : statuses, tid: options.tid });
  }

  private async chooseLine(step: WaterfallStepContext) {
    const trade = step.result as Trade | undefined;
    if (!trade) return step.endDialog();
    const options = step.options as FlowOptions;
    if (trade.status === 'WAIT_SELLER_SEND_GOODS' && asksForSku(options)) return this.switchTo(step, MODIFY_ORDER, { ...options, tid: trade.tid } satisfies FlowOptions);
    this.state(step).tid = trade.tid;
    await this.focus(step.context, trade.tid);
    return this.askWhichLine(step, trade);
  }

  /** The SKU the buyer asked for, if it can be had; else what can, as buttons. */
  private async chooseTarget(step: WaterfallStepContext, facts: ExchangeFacts) {
    const state = this.state(step);
    const { line, item } = facts;
    const current = skuName(line.skuProperties);
    const wish: SkuWish = { ...(step.options as FlowOptions), mentionedItemIds: state.mentionedItemIds };
    const chart = this.deps.knowledge.catalogue.sizeChart(line.itemId)?.value.rows.map((r) => r.size);
    const wanted = wantedSku(item, { itemId: line.itemId, skuId: line.skuId, properties: line.skuProperties }, wish, chart);
    if (wanted.kind === 'other_item') {
      await this.say(step.context, 'exchange.otherItem', wanted);
      return step.endDialog();
    }
    // In stock: the policy decides the rest (price, window, intact…), with its reasons if refused.
    if (wanted.kind === 'sku' && wanted.stock.status === 'in_stock') return step.next({ value: wanted.stock.matches[0]!.skuId });
    const acceptable = item.skus.filter((sku) => this.eligibility(state, facts, sku.skuId).failures.length === 0);
    if (wanted.kind === 'edge') await this.say(step.context, 'exchange.sizeEdge', wanted);
    if (wanted.kind === 'same_sku') await this.say(step.context, 'exchange.sameSku', { current });
    if (wanted.kind === 'sku') {
      const nearest = wanted.stock.alternatives.filter((s) => acceptable.includes(s)).map((s) => skuName(s.properties));
      await this.say(step.context, 'exchange.unavailable', { wanted: skuName(wanted.wanted), status: wanted.stock.status, nearest });
    }
    if (acceptable.length === 0) return this.noneAcceptable(step, facts);
    // Typed "小一码的" / "大一号" names the next size that way, in the ordered colour.
    const stepWords: Record<SizeDirection, string[]> = { smaller: ['小一码', '小一号'], larger: ['大一码', '大一号'] };
    const byStep = (direction: SizeDirection) => {
      const next = adjacentSize(item.skus, line.skuProperties, direction, chart);
      return next.kind === 'size' ? stockOf(item, next.wanted).matches[0]?.skuId : undefined;
    };
    const steps = { smaller: byStep('smaller'), larger: byStep('larger') };
    return this.ask(
      step,
      'exchange.whichSku',
      { current },
      acceptable.map((sku) => ({
        value: sku.skuId,
        label: skuName(sku.properties),
        phrases: (['smaller', 'larger'] as const).filter((d) => steps[d] === sku.skuId).flatMap((d) => stepWords[d]),
      })),
    );
  }

  /** Every SKU fails: the reasons the buyer needs to hear (window, status, customised, stock…). */
  private async noneAcceptable(step: WaterfallStepContext, facts: ExchangeFacts) {
    const { line, item } = facts;
    const anyOther = item.skus.find((s) => s.skuId !== line.skuId);
    // Explained with the first other SKU, whose failures include the ones that hold for all.
    if (anyOther) return step.next({ value: anyOther.skuId });
    // A single-SKU item: still name what else rules the exchange out (customised, window…).
    const own = this.eligibility(this.state(step), facts, line.skuId);
    const failures = own.failures.filter((f) => f.condition !== 'same_sku');
    if (failures.length) await step.context.sendActivity(explainExchange(this.deps.templates, { ...own, failures }, line.title));
    else await this.say(step.context, 'exchange.noOtherSku', { title: line.title });
    return step.endDialog();
  }

  private async askIntact(step: WaterfallStepContext, facts: ExchangeFacts) {
    const state = this.state(step);
    state.targetSkuId = (step.result as { value: string }).value;
    // Conditions the buyer cannot change already fail: say so now rather than ask more questions.
    if (this.eligibility(state, facts).failures.length > 0) return this.conclude(step, facts);
    return this.askYesNo(
      step,
      'exchange.askIntact',
      {},
      { yes: '吊牌包装都在', no: '已经穿过/拆了吊牌' },
      {
        yes: ['都在', '还在', '在的', '吊牌在', '没穿过', '没洗过', '没拆', '全新', '完好', '没动过', '没用过', '好好的'],
        no: ['穿过', '洗过', '拆了', '剪了', '吊牌剪了', '吊牌拆了', '吊牌没了', '不在了', '用过', '扔了'],
      },
    );
  }

  private async askPostage(step: WaterfallStepContext, facts: ExchangeFacts) {
    const state = this.state(step);
    state.intact = (step.result as { value: string }).value === 'yes';
    // 包邮 or 运费险 (R4): nothing for the buyer to agree to.
    if (!state.intact || !this.eligibility(state, facts).pending.includes('postage')) return step.next();
    return this.askYesNo(
      step,
      'exchange.askPostage',
      {},
      { yes: '可以，运费我来出', no: '不想出运费' },
      { yes: ['我来出', '我出', '我付', '自己出', '出就出'], no: ['不出', '不想出', '你们出', '不付', '凭什么'] },
    );
  }

  private async decide(step: WaterfallStepContext, facts: ExchangeFacts) {
    const state = this.state(step);
    if (step.result) state.postageAgreed = (step.result as { value: string }).value === 'yes';
    return this.conclude(step, facts);
  }

  private async conclude(step: WaterfallStepContext, facts: ExchangeFacts) {
    const state = this.state(step);
    const now = this.deps.clock();
    const decision = this.eligibility(state, facts);
    const target = facts.item.skus.find((s) => s.skuId === state.targetSkuId)!;
    await step.context.sendActivity(explainExchange(this.deps.templates, decision, skuName(target.properties)));
    if (decision.allowed) {
      const deadlines = runningDeadlines(this.deps.knowledge, { ...toOrderFacts(facts.trade), exchangeRequestedAt: now }, now);
      await this.say(step.context, 'exchange.nextSteps', { address: this.deps.knowledge.profile.returnAddress });
      await step.context.sendActivity(listDeadlines(this.deps.templates, deadlines));
    }
    return step.endDialog({ allowed: decision.allowed });
  }

  private eligibility(state: ExchangeState, { trade, line, item }: ExchangeFacts, skuId = state.targetSkuId) {
    const sku = item.skus.find((s) => s.skuId === skuId)!;
    const input: ExchangeInput = {
      ...toExchangeInput(trade, line, item, sku, { intact: state.intact, postageAgreed: state.postageAgreed }),
      returnInsurance: trade.returnInsurance,
    };
    return exchangeEligibility(this.deps.knowledge, input, this.deps.clock());
  }

  /** Runs a step with the order and the item's SKUs looked up afresh (stock moves); failures are said politely. */
  private async withFacts(step: WaterfallStepContext, run: (facts: ExchangeFacts) => Promise<DialogTurnResult>): Promise<DialogTurnResult> {
    const state = this.state(step);
    // The first step after the line question gets the line's oid as its answer.
    state.oid ??= (step.result as { value: string }).value;
    let facts: ExchangeFacts;
    try {
      facts = await loadLineFacts(this.deps.orders, this.buyerOf(step), state);
    } catch (error) {
      return this.orderFailure(step, error);
    }
    return run(facts);
  }
}
