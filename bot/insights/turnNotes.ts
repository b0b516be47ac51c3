/**
 * What a dialog tells insights about the turn it is handling, kept in the turn's state (a
 * TurnContext's turnState is such a map): the message could not be placed, and why. KefuBot
 * reads it after the turn and passes it to ConversationInsights.
 */
import type { UnplacedReason } from './outcome.js';

const UNPLACED = Symbol('kefu.insights.unplaced');

interface WithTurnState {
  turnState: Map<unknown, unknown>;
}

export function noteUnplaced(context: WithTurnState, reason: UnplacedReason): void {
  context.turnState.set(UNPLACED, reason);
}

export function unplacedReason(context: WithTurnState): UnplacedReason | undefined {
  return context.turnState.get(UNPLACED) as UnplacedReason | undefined;
}
