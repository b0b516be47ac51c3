/**
 * /api/insights, for supervisors (an agent's token gets 403): the numbers over a date range,
 * the unanswered questions clustered, and FAQ answers added from a cluster (with the export).
 */
import { randomBytes } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { shanghaiDate } from '../../knowledge/policy/time.js';
import { agentOf, type AgentDirectory } from '../agents/agentAuth.js';
import { sendError } from '../http/errors.js';
import type { ConversationInsights } from './conversationInsights.js';
import { EXPORT_FILE, type FaqOverlay } from './faqOverlay.js';

export interface InsightsRoutesDeps {
  agents: AgentDirectory;
  insights: ConversationInsights;
  faq: FaqOverlay;
  clock: () => Date;
}

/** The longest range a report covers (its days are read one by one). */
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a date');

function rangeQuery(today: string) {
  const weekAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * DAY_MS).toISOString().slice(0, 10);
  return z
    .object({ from: isoDay.default(weekAgo), to: isoDay.default(today), limit: z.coerce.number().int().min(1).max(50).default(10) })
    .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['from'] })
    .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / DAY_MS < MAX_RANGE_DAYS, { message: `at most ${MAX_RANGE_DAYS} days`, path: ['to'] });
}

const line = z.string().trim().min(1).max(200);
const NewFaq = z.strictObject({
  question: line,
  /** Taken from the cluster's examples (the page fills them in; the supervisor may edit). */
  paraphrases: z.array(line).min(2, 'give at least 2 ways buyers ask it').max(30),
  answer: z.string().trim().min(1).max(1000),
  source: z.string().trim().min(1).max(200).default('客服主管补充（/insights）'),
});

function badRequest(res: Response, error: z.ZodError) {
  const issue = error.issues[0]!;
  sendError(res, 400, 'invalid_request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
}

function supervisorsOnly(_req: Request, res: Response, next: NextFunction) {
  if (agentOf(res).role !== 'supervisor') return sendError(res, 403, 'supervisors_only', 'the shop insights are for supervisors');
  next();
}

export function insightsRoutes(deps: InsightsRoutesDeps): Router {
  const router = Router();
  router.use(deps.agents.requireAgent(), supervisorsOnly);
  const range = (req: Request, res: Response) => {
    const parsed = rangeQuery(shanghaiDate(deps.clock())).safeParse(req.query);
    if (!parsed.success) badRequest(res, parsed.error);
    return parsed.data;
  };

  router.get('/summary', async (req, res) => {
    const r = range(req, res);
    if (r) res.json(await deps.insights.report(r.from, r.to));
  });

  router.get('/unanswered', async (req, res) => {
    const r = range(req, res);
    if (r) res.json({ from: r.from, to: r.to, clusters: await deps.insights.unansweredClusters(r.from, r.to, r.limit) });
  });

  router.get('/faq', (_req, res) => res.json({ version: deps.faq.version, added: deps.faq.added }));

  router.post('/faq', express.json({ limit: '32kb' }), async (req, res) => {
    const parsed = NewFaq.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(res, parsed.error);
    const { question, answer, source } = parsed.data;
    // The question itself is not also a paraphrase; duplicates say nothing new.
    const paraphrases = [...new Set(parsed.data.paraphrases)].filter((p) => p !== question);
    if (paraphrases.length < 2) return sendError(res, 400, 'invalid_request', 'paraphrases: give at least 2 ways buyers ask it, other than the question');
    const id = `added_${randomBytes(4).toString('hex')}`;
    const result = await deps.faq.add({ id, question, paraphrases, answer, source }, agentOf(res).id, deps.clock());
    res.status(201).json(result);
  });

  router.get('/faq/export', (_req, res) => {
    res.type('text/yaml; charset=utf-8').attachment(EXPORT_FILE).send(deps.faq.exportYaml());
  });

  return router;
}
