/**
 * F15 投诉/维权 (`003` 售后维权处理流程): settle first — learn what happened and hand it to a
 * person who verifies it and, once settled, asks the buyer to withdraw; where the buyer has
 * already filed or asked for 小二, also say what evidence both sides bring to the platform.
 * Whether the shop is at fault is for a person to judge, so the rung here is the agent's.
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { PLATFORM_EVIDENCE } from '../templates/explain.js';
import type { FlowOptions } from './exchangeDialog.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';

export const COMPLAINT = 'complaint';

export class ComplaintDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(COMPLAINT, deps);
    this.waterfall('main', [
      [
        'filed',
        (s) =>
          this.ask(s, 'complaint.askFiled', {}, [
            { value: 'filed', label: '已经投诉/申请了小二介入', phrases: ['已经投诉', '投诉了', '已经申请', '申请了', '小二介入了', '找过小二', '投了', '已经找了'] },
            { value: 'not_yet', label: '还没有，先跟你们反映', polarity: 'no', phrases: ['还没', '没投诉', '先反映', '先跟你们说', '没有投诉'] },
          ]),
      ],
      ['what', (s) => this.askWhat(s)],
      ['handOver', (s) => this.handOver(s)],
    ]);
  }

  private askWhat(step: WaterfallStepContext) {
    (step.values as { filed: boolean }).filed = (step.result as { value: string }).value === 'filed';
    return this.askText(step, 'complaint.askWhat', {}, { onTheSpot: false });
  }

  private async handOver(step: WaterfallStepContext) {
    const { filed } = step.values as { filed: boolean };
    const what = String(step.result);
    if (filed) await this.say(step.context, 'handoff.platformAdvice', { evidence: PLATFORM_EVIDENCE });
    return this.escalate(
      step,
      { complaintFiled: filed, platformInterventionRequested: filed, angry: true },
      { tid: (step.options as FlowOptions).tid, summary: this.render('case.complaint', { filed, what }), ruleIds: ['R24'] },
    );
  }
}
