/** What the turn pipeline hands the dialogs for one turn, kept in botbuilder's turn state. */
import type { TurnContext } from 'botbuilder';
import type { Recognition } from '../bot/nlu/types.js';

const RECOGNITION = Symbol('kefu.recognition');
const TRACE = Symbol('kefu.trace');

export interface ConversationData {
  /** Turns taken in this conversation (also what the concurrency test counts). */
  turns: number;
  /** Misunderstood messages in a row; reset by any understood one. */
  misunderstandings: number;
  /** The flow under way and the order it is about, for interruptions and order switches. */
  focus?: { flow: string; tid?: string };
  /** The last order a flow was about; unlike focus it outlives the flow (handoff, R20 check-in). */
  lastOrder?: { flow: string; tid: string };
  /** What the last question accepts: its button labels, or free text. */
  expecting?: { choices: string[] } | { text: true };
}

export const newConversationData = (): ConversationData => ({ turns: 0, misunderstandings: 0 });

export function setRecognition(context: TurnContext, recognition: Recognition): void {
  context.turnState.set(RECOGNITION, recognition);
}

export function getRecognition(context: TurnContext): Recognition | undefined {
  return context.turnState.get(RECOGNITION);
}

/** Which dialog step handled the turn, for the per-turn log line. */
export function traceDialog(context: TurnContext, dialogId: string): void {
  context.turnState.set(TRACE, dialogId);
}

export function tracedDialog(context: TurnContext): string | undefined {
  return context.turnState.get(TRACE);
}
