/**
 * Finds the order a flow is about, asking only when the data cannot tell: an order id the buyer
 * named (checked against the buyer: someone else's order is refused as if it did not exist), the
 * only order that fits, or a choice between the fitting ones as buttons (title, status, date)
 * and cards (title, SKU, status, date, order id). Typed, the buyer may name one by position
 * ("第二个", "最新那单"), by a piece of its title or SKU ("大衣那单", "黑色的"), or paste its id —
 * also of an order not offered, which is used if it is the buyer's.
 * Ends with the Trade, or with nothing when no order fits or the order system failed.
 *
 * Every flow that uses it adds an instance of its own: re-asking the picker's question (after an
 * answer on the spot) looks the dialog up among the flow's own dialogs, not its parents'.
 */
import { ActionTypes, CardFactory, type Attachment } from 'botbuilder';
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { Trade } from '../bot/orders/contract.js';
import { skuName } from '../bot/orders/skus.js';
import type { TradeStatus } from '../knowledge/schema.js';
import { formatDate } from '../templates/format.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';

export const PICK_ORDER = 'pickOrder';

export interface PickOrderOptions {
  /** Statuses the flow can work with; others are not offered. */
  statuses: TradeStatus[];
  /** An order id the buyer named. */
  tid?: string;
}

/** At most this many orders are offered as buttons; older ones can be named by id. */
const MAX_BUTTONS = 6;

export class OrderPickerDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(PICK_ORDER, deps);
    this.waterfall('main', [
      ['find', (step) => this.find(step)],
      ['picked', (step) => this.picked(step)],
    ]);
  }

  private async find(step: WaterfallStepContext) {
    const options = step.options as PickOrderOptions;
    const buyer = this.buyerOf(step);
    try {
      if (options.tid) {
        const named = await this.deps.orders.getTrade(buyer, options.tid).catch((error: unknown) => error);
        if (!(named instanceof Error)) return step.endDialog(named);
        if (named.name !== 'OrderNotFoundError') return this.orderFailure(step, named);
        await this.say(step.context, 'order.notFound');
      }
      const fitting = (await this.deps.orders.listTrades(buyer)).filter((t) => options.statuses.includes(t.status));
      if (fitting.length === 0) {
        await this.say(step.context, 'order.noneFitting', { statuses: options.statuses });
        return step.endDialog();
      }
      if (fitting.length === 1) {
        await this.say(step.context, 'order.using', this.describe(fitting[0]!));
        return step.endDialog(fitting[0]);
      }
      const offered = fitting.slice(0, MAX_BUTTONS);
      (step.values as { trades?: Trade[] }).trades = offered;
      return this.ask(
        step,
        'order.which',
        {},
        offered.map((t) => ({
          value: t.tid,
          label: this.buttonLabel(t),
          tid: t.tid,
          phrases: t.orders.flatMap((o) => [o.title, ...Object.values(o.skuProperties)]),
        })),
        { cards: offered.map((t) => this.card(t)), kind: 'order' },
      );
    } catch (error) {
      return this.orderFailure(step, error);
    }
  }

  /** One of the offered orders, or an order id the buyer typed instead (checked to be theirs). */
  private async picked(step: WaterfallStepContext) {
    const tid = (step.result as { value: string }).value;
    const offered = (step.values as { trades: Trade[] }).trades.find((t) => t.tid === tid);
    if (offered) return step.endDialog(offered);
    return step.replaceDialog(`${this.id}.main`, { ...(step.options as PickOrderOptions), tid });
  }

  private describe(trade: Trade) {
    return { title: trade.orders[0]!.title, more: trade.orders.length - 1, status: trade.status, created: trade.created, tid: trade.tid };
  }

  /** A card per order (title, SKU, status, date); its button sends the same text as the order's button. */
  private card(trade: Trade): Attachment {
    const { title, more, status, created, tid } = this.describe(trade);
    return CardFactory.heroCard(
      more > 0 ? `${title}等${more + 1}件` : title,
      this.render('order.card', { status, created, tid }),
      undefined,
      [{ type: ActionTypes.ImBack, title: this.render('order.pick'), value: this.buttonLabel(trade) }],
      { subtitle: trade.orders.map((o) => skuName(o.skuProperties)).join('；') },
    );
  }

  private buttonLabel(trade: Trade): string {
    const { title, more, status, created } = this.describe(trade);
    const name = more > 0 ? `${title}等${more + 1}件` : title;
    return `${name} · ${this.deps.templates.label('status', status)} · ${formatDate(created, { dateOnly: true })}`;
  }
}
