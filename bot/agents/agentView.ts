/**
 * What agents are shown of cases and transcripts: what they need to serve the buyer, nothing of
 * how the buyer is reached. The conversation reference (serviceUrl, channel account ids) and the
 * addressing fields of logged activities stay on the server, where only the desk uses them.
 */
import type { Activity } from 'botbuilder';
import type { HandoffCase } from '../handoff/handoffStore.js';

export type CaseView = Omit<HandoffCase, 'reference'>;

export function caseView(handoff: HandoffCase): CaseView {
  const { reference: _reference, ...shown } = handoff;
  return shown;
}

/** How the desk marks a message an agent wrote (the console shows it as theirs). */
export const agentMarkerFor = (agent: { id: string }) => ({ kefuAgent: { id: agent.id } });

/**
 * The agent who wrote a message, only when the server marked it: an outgoing (role bot) activity
 * the desk sent with `channelData.kefuAgent`. A buyer may send any channelData; it never counts.
 */
export function agentOfMessage(activity: Partial<Activity>): string | undefined {
  if (activity.from?.role !== 'bot') return undefined;
  const id = (activity.channelData as Partial<ReturnType<typeof agentMarkerFor>> | undefined)?.kefuAgent?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * A logged activity as the console shows it: who said what, and when. An event keeps its name and
 * value (handoff status) but not its attachments (the handoff initiation carries the whole
 * transcript again, with every addressing field).
 */
export function activityView(activity: Partial<Activity>): Partial<Activity> {
  const { id, type, name, timestamp, from, text, value, attachments } = activity;
  const agentId = agentOfMessage(activity);
  return {
    id,
    type,
    name,
    timestamp,
    from: from && { id: from.id, name: from.name, role: from.role },
    text,
    value,
    ...(type === 'message' && attachments && { attachments }),
    ...(agentId !== undefined && { channelData: agentMarkerFor({ id: agentId }) }),
  };
}
