/**
 * The agents' API (every route needs an agent token): the live queue (server-sent events), a
 * case with its transcript, order panel and copilot suggestions, and the actions on it. Also
 * POST /api/copilot/suggest.
 */
import type { Activity } from 'botbuilder';
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { suggest, type CopilotDeps } from '../copilot/copilot.js';
import { mayTake, type HandoffDesk } from '../handoff/handoffDesk.js';
import type { HandoffCase, HandoffStore } from '../handoff/handoffStore.js';
import { sendError } from '../http/errors.js';
import type { Intent } from '../nlu/types.js';
import type { Trade } from '../orders/contract.js';
import type { OrderApi } from '../orders/orderApi.js';
import type { AgentTasks } from '../proactive/agentTasks.js';
import type { ConversationLog } from '../transcripts/conversationLog.js';
import { agentOf, type AgentDirectory } from './agentAuth.js';
import { AgentEventHub } from './agentEventHub.js';
import { activityView, caseView } from './agentView.js';

export interface AgentRoutesDeps {
  agents: AgentDirectory;
  desk: HandoffDesk;
  store: HandoffStore;
  log: ConversationLog;
  orders: OrderApi;
  tasks?: AgentTasks;
  copilot: CopilotDeps;
  clock: () => Date;
}

const SuggestRequest = z
  .strictObject({
    text: z.string().trim().min(1).max(2000).optional(),
    channelId: z.string().min(1).max(64).optional(),
    conversationId: z.string().min(1).max(256).optional(),
    tid: z.string().regex(/^\d{6,20}$/, 'expected the trade id as a digit string').optional(),
    /** The item the buyer is looking at, for a pre-sales question. */
    itemId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an item id').optional(),
  })
  .refine((r) => r.text || (r.channelId && r.conversationId), { message: 'give text, or channelId and conversationId' });

const SMALL_TALK = new Set<Intent>(['none', 'greeting', 'thanks', 'cancel', 'human_agent']);

const Reply = z.strictObject({ text: z.string().trim().min(1).max(2000) });

const REFUSALS = { not_found: 404, taken: 409, not_yours: 403, above_your_role: 403, unreachable: 409 } as const;
const refuse = (res: Response, reason: keyof typeof REFUSALS) => sendError(res, REFUSALS[reason], reason, reason.replace(/_/g, ' '));

function badRequest(res: Response, error: z.ZodError) {
  const issue = error.issues[0]!;
  sendError(res, 400, 'invalid_request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
}

export function agentRoutes(deps: AgentRoutesDeps): { agent: Router; copilot: Router } {
  const { desk, store, log, agents } = deps;
  const json = express.json({ limit: '16kb' });
  /**
   * The buyer's latest question: the newest buyer message about something (an intent other than
   * none, greetings, thanks, cancel or 转人工), else simply the newest buyer message.
   */
  const latestQuestion = (activities: Partial<Activity>[]) => {
    const texts = activities.filter((a) => a.type === 'message' && a.from?.role !== 'bot' && a.text).map((a) => a.text!);
    const now = deps.clock();
    const question = [...texts].reverse().find((t) => !SMALL_TALK.has(deps.copilot.recognizer.recognize(t, now).intent));
    return question ?? texts.at(-1);
  };
  const tradeOf = (tid: string | undefined): Promise<Trade | undefined> => (tid ? deps.orders.trade(tid).catch(() => undefined) : Promise.resolve(undefined));
  /** A case this agent may open (the rule for taking it), or undefined once the refusal is sent. */
  const allowed = (handoff: HandoffCase | undefined, res: Response): HandoffCase | undefined => {
    if (handoff && mayTake(agentOf(res), handoff)) return handoff;
    refuse(res, handoff ? 'above_your_role' : 'not_found');
    return undefined;
  };

  const copilot = Router();
  copilot.post('/suggest', agents.requireAgent(), json, async (req, res) => {
    const parsed = SuggestRequest.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(res, parsed.error);
    const { text, channelId, conversationId, tid, itemId } = parsed.data;
    // A conversation is read only through its open case, by an agent who may take that case.
    const where = channelId && conversationId ? { channelId, conversationId } : undefined;
    const open = where && allowed(await store.active(where), res);
    if (where && !open) return;
    const message = text ?? (open && latestQuestion((await log.since(open, 0)).activities));
    if (!message) return sendError(res, 404, 'no_buyer_message', 'the conversation has no buyer message yet');
    const trade = await tradeOf(tid ?? open?.tid);
    if (tid && !trade) return sendError(res, 404, 'order_not_found', `no order ${tid}`);
    res.json(await suggest(deps.copilot, message, trade, deps.clock(), itemId));
  });

  const agent = Router();
  agent.use(agents.requireAgent());
  agent.get('/me', (_req, res) => res.json(agentOf(res)));
  agent.get('/queue', async (_req, res) => res.json({ cases: (await desk.queue(agentOf(res))).map(caseView) }));
  agent.get('/tasks', async (_req, res) => res.json({ tasks: deps.tasks ? await deps.tasks.list(100) : [] }));

  const hub = new AgentEventHub(log, store);
  /** Pushed, not polled: `queue` when the queue may have changed, `activity` for open cases. */
  agent.get('/events', (req, res) => {
    const me = agentOf(res);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('ready', me);
    const unsubscribe = hub.subscribe(({ activity, open }) => {
      // Nothing of a case above this agent's rung: not its messages, not that it moved.
      if (open && !mayTake(me, open)) return;
      if (activity.type === 'event') send('queue', {});
      if (open) send('activity', { caseId: open.id, activity });
    });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  });

  agent.get('/cases/:id', async (req, res) => {
    const handoff = allowed(await store.get(req.params.id), res);
    if (!handoff) return;
    const { activities } = await log.since(handoff, 0);
    const message = latestQuestion(activities);
    const trade = await tradeOf(handoff.tid);
    res.json({
      case: caseView(handoff),
      transcript: activities.map(activityView),
      order: trade,
      copilot: message ? await suggest(deps.copilot, message, trade, deps.clock()) : undefined,
    });
  });

  agent.post('/cases/:id/claim', async (req, res) => {
    const result = await desk.claim(req.params.id, agentOf(res));
    if (!result.ok) return refuse(res, result.reason);
    res.json({ case: caseView(result.handoff) });
  });

  agent.post('/cases/:id/messages', json, async (req, res) => {
    const parsed = Reply.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(res, parsed.error);
    const result = await desk.reply(req.params.id, agentOf(res), parsed.data.text);
    if (!result.ok) return refuse(res, result.reason);
    res.status(202).json({ sent: true });
  });

  for (const [path, action] of [
    ['give-back', (id: string, res: Response) => desk.giveBack(id, agentOf(res))],
    ['resolve', (id: string, res: Response) => desk.resolve(id, agentOf(res))],
  ] as const) {
    agent.post(`/cases/:id/${path}`, async (req, res) => {
      const result = await action(req.params.id, res);
      if (!result.ok) return refuse(res, result.reason);
      res.json({ done: true });
    });
  }

  return { agent, copilot };
}
