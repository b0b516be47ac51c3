/**
 * The load generator, the same for every bot: autocannon with N keep-alive connections, each
 * sending its next buyer message as soon as the previous one is answered (closed loop). A
 * conversation belongs to one connection, so its turns never overlap (a buyer waits for the
 * answer); each connection takes its conversations in turn. Every request is a Bot Framework
 * message activity with `deliveryMode: expectReplies`, so the replies come back in the response.
 *
 * Which message a conversation's t-th turn sends is fixed by (conversation, t) alone: every bot
 * gets the same conversations, in the same order.
 */
import autocannon, { type Client } from 'autocannon';
import { BUYERS, MESSAGES } from './messages.js';

export const CHANNEL_ID = 'bench';

export function buyerOf(conversation: number): string {
  return BUYERS[conversation % BUYERS.length]!;
}

/**
 * A message activity as a channel posts it. `serviceUrl` is the channel's connector, as every Bot
 * Framework channel sends one (Kefu keeps it to reach the buyer later: handoff notices, reminders);
 * the benchmark points it at a stand-in that accepts whatever is sent (test/support/channelSink.ts).
 */
export function activity(serviceUrl: string, conversationId: string, buyerId: string, text: string, activityId: string): Record<string, unknown> {
  return {
    type: 'message',
    id: activityId,
    timestamp: new Date().toISOString(),
    channelId: CHANNEL_ID,
    serviceUrl,
    deliveryMode: 'expectReplies',
    conversation: { id: conversationId },
    from: { id: buyerId, name: buyerId },
    recipient: { id: 'kefu', name: 'kefu' },
    text,
    locale: 'zh-CN',
  };
}

/** A small integer hash, so that message choice looks random but is the same in every run. */
function mix(n: number): number {
  let h = Math.imul(n ^ (n >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
}

export function messageFor(conversation: number, turn: number): string {
  return MESSAGES[mix(conversation * 7919 + turn) % MESSAGES.length]!;
}

/** Hands each connection the body of its next request. */
export interface ConversationSource {
  next(c: number, connections: number): string;
}

/** Where one bot's conversations are: kept across that bot's runs, so they go on where they stopped. */
export class Conversations implements ConversationSource {
  readonly turns: number[];
  /** Per connection index: how many requests it has sent, across runs. */
  readonly sent: number[] = [];

  constructor(
    readonly serviceUrl: string,
    readonly count: number,
    /** Conversation ids are `<prefix>-<n>`. */
    readonly prefix: string,
  ) {
    this.turns = new Array<number>(count).fill(0);
  }

  /** The next request of connection `c` out of `connections`: its conversations are c, c + connections, … */
  next(c: number, connections: number): string {
    const k = (this.sent[c] = (this.sent[c] ?? 0) + 1) - 1;
    const mine = Math.ceil((this.count - c) / connections);
    const conversation = c + connections * (k % mine);
    const turn = this.turns[conversation]!++;
    const id = `${this.prefix}-${String(conversation).padStart(4, '0')}`;
    return JSON.stringify(activity(this.serviceUrl, id, buyerOf(conversation), messageFor(conversation, turn), `${id}.${turn}`));
  }
}

/**
 * Conversations that come and go, as in a shop over a day: each connection talks in one
 * conversation for `turnsEach` turns, then starts a new one (a new id, never seen before).
 */
export class ChurningConversations implements ConversationSource {
  private readonly sent: number[] = [];
  started = 0;

  constructor(
    readonly serviceUrl: string,
    readonly prefix: string,
    readonly turnsEach: number,
  ) {}

  next(c: number): string {
    const k = (this.sent[c] = (this.sent[c] ?? 0) + 1) - 1;
    const n = Math.floor(k / this.turnsEach);
    const turn = k % this.turnsEach;
    if (turn === 0) this.started++;
    const id = `${this.prefix}-${c}-${n}`;
    const conversation = c * 100_003 + n; // only picks the messages
    return JSON.stringify(activity(this.serviceUrl, id, buyerOf(conversation), messageFor(conversation, turn), `${id}.${turn}`));
  }
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  conversations: ConversationSource;
  /** Requests per second over all connections (unset: as fast as answered). */
  overallRate?: number;
}

export interface LoadResult {
  /** Answered 2xx. */
  turns: number;
  seconds: number;
  /** Latencies of the 2xx answers, ms. */
  latencies: number[];
  /** 2xx answers that held no reply activity. */
  noReply: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export async function runLoad(settings: LoadOptions): Promise<LoadResult> {
  const { connections, conversations } = settings;
  const latencies: number[] = [];
  let clients = 0;
  let noReply = 0;
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    const options: autocannon.Options = {
      url: `${settings.url}/api/messages`,
      connections,
      duration: settings.seconds,
      ...(settings.overallRate && { overallRate: settings.overallRate }),
      timeout: 30,
      setupClient: (client: Client) => {
        const c = clients++;
        client.setRequests([
          {
            method: 'POST',
            path: '/api/messages',
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => ({ ...request, body: conversations.next(c, connections) }),
            onResponse: (status, body) => {
              if (status < 300 && !body.includes('"activities":[{')) noReply++;
            },
          },
        ]);
      },
    };
    instance = autocannon(options, (err, result) => (err ? reject(err as Error) : resolve(result)));
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    if (status >= 200 && status < 300) latencies.push(responseTime);
  });
  const result = await done;
  return {
    turns: latencies.length,
    seconds: result.duration,
    latencies,
    noReply,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Several runs of one bot, as one. */
export function merge(results: LoadResult[]): LoadResult {
  return {
    turns: results.reduce((s, r) => s + r.turns, 0),
    seconds: results.reduce((s, r) => s + r.seconds, 0),
    latencies: results.flatMap((r) => r.latencies),
    noReply: results.reduce((s, r) => s + r.noReply, 0),
    non2xx: results.reduce((s, r) => s + r.non2xx, 0),
    errors: results.reduce((s, r) => s + r.errors, 0),
    timeouts: results.reduce((s, r) => s + r.timeouts, 0),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(result: LoadResult) {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  return {
    perSecond: result.turns / result.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
  };
}
