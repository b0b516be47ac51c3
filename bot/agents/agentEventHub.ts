/**
 * One process's feed for all its agent event streams. Each logged activity is looked up once (is
 * its conversation handed off, and to which rung?) and that answer is shared by every open
 * stream, so an append costs one case lookup however many consoles are open. The hub listens to
 * the conversation log only while at least one stream is open.
 */
import type { Activity } from 'botbuilder';
import type { HandoffCase, HandoffStore } from '../handoff/handoffStore.js';
import type { Appended, ConversationLog } from '../transcripts/conversationLog.js';
import { activityView } from './agentView.js';

export interface LoggedActivity {
  /** As agents are shown it (activityView). */
  activity: Partial<Activity>;
  /** The conversation's open case, if it has one. */
  open?: HandoffCase;
}

type Stream = (logged: LoggedActivity) => void;

export class AgentEventHub {
  private readonly streams = new Set<Stream>();
  private stopListening?: () => void;
  /** Appends are looked up one after another, so every stream gets them in log order. */
  private delivered: Promise<void> = Promise.resolve();

  constructor(
    private readonly log: ConversationLog,
    private readonly store: HandoffStore,
  ) {}

  /** Calls `stream` with every activity logged from now on; returns the unsubscribe. */
  subscribe(stream: Stream): () => void {
    this.streams.add(stream);
    this.stopListening ??= this.log.onAppend((appended) => {
      this.delivered = this.delivered
        .then(() => this.deliver(appended))
        // A failed lookup (Redis trouble, reported by /readyz and the connection's error log)
        // skips this activity; the stream goes on with the next.
        .catch(() => undefined);
    });
    return () => {
      this.streams.delete(stream);
      if (this.streams.size > 0) return;
      this.stopListening?.();
      this.stopListening = undefined;
    };
  }

  private async deliver({ channelId, conversationId, activity, transient }: Appended): Promise<void> {
    if (transient || this.streams.size === 0) return;
    const logged = { activity: activityView(activity), open: await this.store.active({ channelId, conversationId }) };
    for (const stream of this.streams) stream(logged);
  }
}
