/**
 * The shop's insights, assembled for bot/app.ts: the conversation recorder (Redis or memory), the
 * runtime FAQ overlay, the API under /api/insights and the page at /insights with Chart.js served
 * from node_modules (no CDN).
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import { projectPath } from '../../knowledge/paths.js';
import type { AgentDirectory } from '../agents/agentAuth.js';
import type { Logger } from '../logger.js';
import type { RedisConnection } from '../state/redisClient.js';
import type { Metrics } from '../metrics.js';
import { ConversationInsights } from './conversationInsights.js';
import { FaqOverlay, MemoryFaqOverlayStore, RedisFaqOverlayStore } from './faqOverlay.js';
import { MemoryInsightsStore, RedisInsightsStore } from './insightsStore.js';
import { insightsRoutes } from './insightsRoutes.js';

export interface ShopInsights {
  conversations: ConversationInsights;
  faq: FaqOverlay;
  /** Starts the idle sweep and follows other processes' FAQ additions. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface ShopInsightsSettings {
  redis?: RedisConnection;
  prefix: string;
  idleMinutes: number;
  sessionTtlSeconds: number;
  knowledge: KnowledgeBase;
  metrics: Metrics;
  logger: Logger;
  clock: () => Date;
}

export function createShopInsights(settings: ShopInsightsSettings): ShopInsights {
  const { redis, prefix, knowledge, logger } = settings;
  const store = redis ? new RedisInsightsStore(redis, prefix, settings.sessionTtlSeconds) : new MemoryInsightsStore();
  const conversations = new ConversationInsights({ store, metrics: settings.metrics, logger, clock: settings.clock, idleMinutes: settings.idleMinutes });
  const faq = new FaqOverlay(redis ? new RedisFaqOverlayStore(redis, prefix) : new MemoryFaqOverlayStore(), knowledge, logger);
  let stopSweeping = () => {};
  return {
    conversations,
    faq,
    async start() {
      stopSweeping = conversations.startSweeping();
      // Redis away at start-up: start without the added answers; the next notice loads them.
      await faq.start().catch((err: Error) => logger.warn({ err: err.message }, 'FAQ overlay not loaded'));
    },
    async close() {
      stopSweeping();
      await faq.close();
    },
  };
}

const CHART_JS_DIR = dirname(createRequire(import.meta.url).resolve('chart.js'));

/** /api/insights (supervisors) and the page /insights. */
export function insightsRouters(insights: ShopInsights, agents: AgentDirectory, clock: () => Date): { api: Router; page: Router } {
  const page = Router()
    .use('/vendor', express.static(CHART_JS_DIR, { index: false }))
    .use(express.static(projectPath('web', 'insights')));
  return { api: insightsRoutes({ agents, insights: insights.conversations, faq: insights.faq, clock }), page };
}
