/**
 * The way back after an interruption ("继续换货"): MainDialog keeps the one flow the buyer set
 * aside last. A newer interruption replaces it, so the way back always leads to the most recent
 * flow, and it is kept only for a while: a buyer who comes back hours later starts a new matter,
 * and "刚才的「换货」还没办完" would no longer be true. Its copy of the dialog stack is the largest
 * part of a conversation's state, so keeping one, and not for long, also bounds the state.
 */
import type { DialogInstance } from 'botbuilder-dialogs';
import type { ConversationData, PausedFlow } from './turnContext.js';

/** How long a flow set aside stays offered for the way back. */
export const PAUSED_FOR_MS = 30 * 60_000;

/** Sets `flow` aside with the question it was asking, in place of whatever was set aside before. */
export function pauseFlow(data: ConversationData, flow: string, stack: DialogInstance[], now: Date): void {
  data.paused = { flow, tid: data.focus?.tid, stack: JSON.parse(JSON.stringify(stack)) as unknown[], expecting: data.expecting, pausedAt: now.toISOString() };
}

/** The flow set aside, unless it was set aside too long ago (then it is let go). */
export function stillPaused(paused: PausedFlow | undefined, now: Date): PausedFlow | undefined {
  if (!paused?.pausedAt) return paused;
  return now.getTime() - Date.parse(paused.pausedAt) <= PAUSED_FOR_MS ? paused : undefined;
}
