/**
 * F16 评价 (`001` 二.6.b, `002` 评价): thank for good reviews; for a 中/差评 learn why and have a
 * person follow up within the 48 h before it shows (R23); compensation for changing a review
 * needs a supervisor's approval.
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { FlowOptions } from './exchangeDialog.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';

export const REVIEW = 'review';

export class ReviewDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(REVIEW, deps);
    this.waterfall('main', [
      [
        'kind',
        (s) =>
          this.ask(s, 'review.askKind', {}, [
            { value: 'good', label: '已经好评啦', phrases: ['好评', '五星', '给了好评', '满意'] },
            { value: 'bad', label: '给了/想给中差评', phrases: ['差评', '中评', '中差评', '不满意', '一星'] },
            { value: 'reward', label: '好评返现/改评价的补偿', phrases: ['返现', '红包', '改评价', '补偿', '返钱'] },
          ]),
      ],
      ['branch', (s) => this.branch(s)],
      ['why', (s) => this.why(s)],
    ]);
  }

  private async branch(step: WaterfallStepContext) {
    const kind = (step.result as { value: string }).value;
    const tid = (step.options as FlowOptions).tid;
    if (kind === 'good') {
      await this.say(step.context, 'review.thanks');
      return step.endDialog();
    }
    if (kind === 'reward') {
      await this.say(step.context, 'review.rewardNeedsApproval');
      return this.escalate(step, { reviewCompensation: true }, { tid, summary: this.render('case.reviewReward'), ruleIds: ['R23'] });
    }
    const p = this.deps.knowledge.rules.params('R23', this.deps.clock());
    return this.askText(step, 'review.askWhy', { graceHours: p.negativeReviewGraceHours, ruleIds: ['R23'] }, { onTheSpot: false });
  }

  private async why(step: WaterfallStepContext) {
    return this.escalate(step, { angry: true }, { tid: (step.options as FlowOptions).tid, summary: this.render('case.negativeReview', { reason: String(step.result) }), ruleIds: ['R23'] });
  }
}
