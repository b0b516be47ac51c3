/**
 * F6 换货 (`000` 天猫换货流程, `004` §3): which order and item → which new size/colour (the
 * SKUs the policy would accept: same item, on sale, in stock, same price) → intact? → postage
 * agreed where not 包邮 → allowed: next steps and deadlines; refused: every reason and the
 * alternatives. Rules R10–R13, R1–R4.
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { ItemSkus, OrderLine, Trade } from '../bot/orders/contract.js';
import { toExchangeInput, toOrderFacts } from '../bot/orders/orderFacts.js';
import { skuByWords, skuName } from '../bot/orders/skus.js';
import { runningDeadlines } from '../knowledge/policy/deadlines.js';
import { exchangeEligibility, type ExchangeInput } from '../knowledge/policy/exchange.js';
import { explainExchange, listDeadlines } from '../templates/explain.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { OrderPickerDialog, PICK_ORDER } from './orderPicker.js';

export const EXCHANGE = 'exchange';

export interface FlowOptions {
  tid?: string;
  size?: string;
  colour?: string;
}

interface ExchangeState {
  trade: Trade;
  line: OrderLine;
  item: ItemSkus;
  targetSkuId: string;
  intact?: boolean;
  postageAgreed?: boolean;
}

export class ExchangeDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(EXCHANGE, deps);
    this.addDialog(new OrderPickerDialog(deps));
    this.waterfall('main', [
      ['order', (s) => s.beginDialog(PICK_ORDER, { statuses: ['WAIT_BUYER_CONFIRM_GOODS', 'TRADE_FINISHED'], tid: (s.options as FlowOptions).tid })],
      ['line', (s) => this.chooseLine(s)],
      ['target', (s) => this.chooseTarget(s)],
      ['intact', (s) => this.askIntact(s)],
      ['postage', (s) => this.askPostage(s)],
      ['decide', (s) => this.decide(s)],
    ]);
  }

  private state(step: WaterfallStepContext): ExchangeState {
    return step.values as ExchangeState;
  }

  private async chooseLine(step: WaterfallStepContext) {
    const trade = step.result as Trade | undefined;
    if (!trade) return step.endDialog();
    this.state(step).trade = trade;
    await this.focus(step.context, trade.tid);
    return this.askWhichLine(step, trade);
  }

  private async chooseTarget(step: WaterfallStepContext) {
    const state = this.state(step);
    const oid = (step.result as { value: string }).value;
    state.line = state.trade.orders.find((o) => o.oid === oid)!;
    try {
      state.item = await this.deps.orders.getItemSkus(state.line.itemId);
    } catch (error) {
      return this.orderFailure(step, error);
    }
    const named = skuByWords(state.item, state.line, step.options as FlowOptions);
    if (named) return step.next({ value: named.skuId });
    const acceptable = state.item.skus.filter((sku) => {
      const d = exchangeEligibility(this.deps.knowledge, this.policyInput(state, sku.skuId), this.deps.clock());
      return d.failures.length === 0;
    });
    if (acceptable.length === 0) {
      const anyOther = state.item.skus.find((s) => s.skuId !== state.line.skuId);
      // Every SKU fails: explain with the first other one, whose reasons (window, status,
      // customised, stock…) are the ones the buyer needs to hear.
      if (anyOther) return step.next({ value: anyOther.skuId });
      // A single-SKU item: still name what else rules the exchange out (customised, window…).
      const own = exchangeEligibility(this.deps.knowledge, this.policyInput(state, state.line.skuId), this.deps.clock());
      const failures = own.failures.filter((f) => f.condition !== 'same_sku');
      if (failures.length) await step.context.sendActivity(explainExchange(this.deps.templates, { ...own, failures }, state.line.title));
      else await this.say(step.context, 'exchange.noOtherSku', { title: state.line.title });
      return step.endDialog();
    }
    return this.ask(
      step,
      'exchange.whichSku',
      { current: skuName(state.line.skuProperties) },
      acceptable.map((sku) => ({ value: sku.skuId, label: skuName(sku.properties) })),
    );
  }

  private async askIntact(step: WaterfallStepContext) {
    const state = this.state(step);
    state.targetSkuId = (step.result as { value: string }).value;
    const preview = exchangeEligibility(this.deps.knowledge, this.policyInput(state), this.deps.clock());
    // Conditions the buyer cannot change already fail: say so now rather than ask more questions.
    if (preview.failures.length > 0) return this.conclude(step);
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

  private async askPostage(step: WaterfallStepContext) {
    const state = this.state(step);
    state.intact = (step.result as { value: string }).value === 'yes';
    if (!state.intact || state.trade.freeShipping) return step.next();
    return this.askYesNo(
      step,
      'exchange.askPostage',
      {},
      { yes: '可以，运费我来出', no: '不想出运费' },
      { yes: ['我来出', '我出', '我付', '自己出', '出就出'], no: ['不出', '不想出', '你们出', '不付', '凭什么'] },
    );
  }

  private async decide(step: WaterfallStepContext) {
    const state = this.state(step);
    if (step.result) state.postageAgreed = (step.result as { value: string }).value === 'yes';
    return this.conclude(step);
  }

  private async conclude(step: WaterfallStepContext) {
    const state = this.state(step);
    const now = this.deps.clock();
    const decision = exchangeEligibility(this.deps.knowledge, this.policyInput(state), now);
    const target = state.item.skus.find((s) => s.skuId === state.targetSkuId)!;
    await step.context.sendActivity(explainExchange(this.deps.templates, decision, skuName(target.properties)));
    if (decision.allowed) {
      const deadlines = runningDeadlines(this.deps.knowledge, { ...toOrderFacts(state.trade), exchangeRequestedAt: now }, now);
      await this.say(step.context, 'exchange.nextSteps', { address: this.deps.knowledge.profile.returnAddress });
      await step.context.sendActivity(listDeadlines(this.deps.templates, deadlines));
    }
    return step.endDialog({ allowed: decision.allowed });
  }

  private policyInput(state: ExchangeState, skuId = state.targetSkuId): ExchangeInput {
    const sku = state.item.skus.find((s) => s.skuId === skuId)!;
    return toExchangeInput(state.trade, state.line, state.item, sku, { intact: state.intact, postageAgreed: state.postageAgreed });
  }
}
