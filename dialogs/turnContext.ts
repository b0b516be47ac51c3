/** What the turn pipeline hands the dialogs for one turn, kept in botbuilder's turn state. */
import type { TurnContext } from 'botbuilder';
import type { Recognition } from '../bot/nlu/types.js';
import type { AnswerOption } from './typedAnswers.js';

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
  /** The question waiting for an answer: its options (typed answers are resolved against them), or free text. */
  expecting?: Expecting;
  /** A flow set aside when the buyer changed the subject, to go back to ("继续换货"). */
  paused?: PausedFlow;
  /** The way back to `paused` was just offered: a plain yes/no now answers that offer. */
  wayBackOffered?: boolean;
  /** The item the buyer is looking at (the shop page's, a pasted item number or link, a title named). */
  itemInView?: string;
  /** The item in view before this one ("和刚才那个有啥区别"). */
  previousItem?: string;
  /** The item the shop page last passed (channelData.itemId): a change of page brings it into view. */
  pageItem?: string;
}

/**
 * What the pending question accepts. `choice`/`order`: one of the options, typed or clicked
 * (`order`: also any of the buyer's order ids). `text`: anything; `onTheSpot` says whether a clear
 * question on another topic is answered first instead of being taken as the answer.
 */
export type Expecting = { kind: 'choice' | 'order'; options: AnswerOption[] } | { kind: 'text'; onTheSpot: boolean };

/** A flow paused mid-way: its dialog stack as it was, to restore with the question it was asking. */
export interface PausedFlow {
  flow: string;
  tid?: string;
  /** When it was set aside (ISO 8601): the way back is offered for a while only (pausedFlows.ts). */
  pausedAt?: string;
  stack: unknown[];
  expecting?: Expecting;
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
