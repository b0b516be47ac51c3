/**
 * Wires Kefu together from its configuration: knowledge, templates, recognizer, state
 * (Redis, or in-process memory when REDIS_URL is unset), the turn pipeline and the HTTP app.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ConversationState, MemoryStorage, ShowTypingMiddleware, UserState, type Storage } from 'botbuilder';
import express, { type Express } from 'express';
import { Redis } from 'ioredis';
import { ConversationCaseLog, type RecordedCase } from '../dialogs/caseLog.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import type { ConversationData } from '../dialogs/turnContext.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { loadKnowledge } from '../knowledge/loader.js';
import { KNOWLEDGE_DIR } from '../knowledge/paths.js';
import { Templates } from '../templates/templates.js';
import { createAdapter } from './adapter.js';
import { AgentDirectory, demoAgents } from './agents/agentAuth.js';
import { agentRoutes } from './agents/agentRoutes.js';
import { HandoffDesk } from './handoff/handoffDesk.js';
import { MemoryHandoffStore, RedisHandoffStore, type HandoffStore } from './handoff/handoffStore.js';
import { HumanHandoff } from './handoff/humanHandoff.js';
import { MemoryConversationLog, RedisConversationLog, type ConversationLog } from './transcripts/conversationLog.js';
import { TranscriptMiddleware } from './transcripts/transcriptMiddleware.js';
import { directLine } from './webchat/directLine.js';
import { webchatRoutes } from './webchat/webchatRoutes.js';
import type { Config } from './config.js';
import { createServer } from './http/server.js';
import { KefuBot } from './kefuBot.js';
import type { Logger } from './logger.js';
import { createRecognizer } from './nlu/index.js';
import { DemoOrderApi, demoOrderRouter } from './orders/demo/demoOrderApi.js';
import { OrderEventBus } from './orders/events/eventBus.js';
import { MemoryReplayGuard, RedisReplayGuard } from './orders/events/replayGuard.js';
import { orderEventsRouter } from './orders/events/webhook.js';
import { HttpOrderApi } from './orders/httpOrderApi.js';
import type { OrderApi } from './orders/orderApi.js';
import { OrderService } from './orders/orderService.js';
import { MemoryResponseCache, RedisResponseCache } from './orders/responseCache.js';
import { createMetrics, metricsRouter, type Metrics } from './metrics.js';
import { RedisAgentTasks, type AgentTasks } from './proactive/agentTasks.js';
import { MemoryBuyerContacts, RedisBuyerContacts, type BuyerContacts } from './proactive/buyerContacts.js';
import { proactiveDelivery } from './proactive/delivery.js';
import { FollowUps } from './proactive/followUps.js';
import { RedisStorage } from './state/redisStorage.js';
import { LocalTurnLock, RedisTurnLock, type TurnLock } from './state/turnLock.js';

export interface Kefu {
  app: Express;
  bot: KefuBot;
  knowledge: KnowledgeBase;
  orders: OrderService;
  /** Accepted order events from the shop's system (POST /api/order-events). */
  orderEvents: OrderEventBus;
  /** Proactive messages (催付 reminders, follow-ups); only with REDIS_URL. */
  followUps?: FollowUps;
  /** Tasks for agents, e.g. reminders for buyers the bot cannot reach; only with REDIS_URL. */
  agentTasks?: AgentTasks;
  metrics: Metrics;
  /** Buyers' last conversations and their "no more reminders". */
  contacts: BuyerContacts;
  handoffs: HandoffStore;
  conversationLog: ConversationLog;
  /** WebSocket upgrades (the web chat's Direct Line stream); serve() attaches it to the server. */
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Makes /readyz answer 503 so a load balancer stops sending traffic. */
  markShuttingDown(): void;
  /** Stops the follow-up worker (jobs in progress get up to graceMs) and closes Redis; call after the HTTP server has stopped. */
  close(graceMs?: number): Promise<void>;
}

interface StateBackend {
  conversationStorage: Storage;
  userStorage: Storage;
  lock: TurnLock;
  redis?: Redis;
}

function stateBackend(config: Config, logger: Logger): StateBackend {
  if (!config.REDIS_URL) {
    logger.warn('REDIS_URL is not set: conversation state is kept in this process only (lost on restart, not shared between processes)');
    const memory = new MemoryStorage();
    return { conversationStorage: memory, userStorage: memory, lock: new LocalTurnLock() };
  }
  const redis = new Redis(config.REDIS_URL, { enableAutoPipelining: true, maxRetriesPerRequest: 3 });
  redis.on('error', (err) => logger.error({ err: err.message }, 'redis error'));
  const prefix = config.REDIS_KEY_PREFIX;
  logger.info({ prefix }, 'conversation state in Redis');
  return {
    redis,
    conversationStorage: new RedisStorage(redis, { prefix, ttlSeconds: config.CONVERSATION_TTL_SECONDS }),
    userStorage: new RedisStorage(redis, { prefix, ttlSeconds: config.USER_TTL_SECONDS }),
    lock: new RedisTurnLock(redis, { prefix, ttlMs: config.TURN_LOCK_TTL_MS, waitMs: config.TURN_LOCK_WAIT_MS }),
  };
}

/** Stores every process must share: Redis, or memory in the embedded single-process mode. */
function sharedStores(config: Config, redis: Redis | undefined) {
  const prefix = config.REDIS_KEY_PREFIX;
  if (!redis)
    return {
      contacts: new MemoryBuyerContacts(),
      replayGuard: new MemoryReplayGuard(REPLAY_RETENTION_SECONDS),
      conversationLog: new MemoryConversationLog(),
      handoffs: new MemoryHandoffStore(),
    };
  return {
    contacts: new RedisBuyerContacts(redis, prefix, config.USER_TTL_SECONDS),
    replayGuard: new RedisReplayGuard(redis, prefix, REPLAY_RETENTION_SECONDS),
    conversationLog: new RedisConversationLog(redis, prefix, config.CONVERSATION_TTL_SECONDS),
    handoffs: new RedisHandoffStore(redis, prefix, config.CONVERSATION_TTL_SECONDS),
  };
}

/** The shop's order system: ORDER_API_URL over HTTP, or the embedded demo (also served at /demo-orders). */
function orderApi(config: Config, logger: Logger, redis: Redis | undefined, clock: () => Date): { api: OrderApi; demo: boolean } {
  if (!config.ORDER_API_URL) {
    logger.warn('ORDER_API_URL is not set: using the embedded demo orders (also served at /demo-orders)');
    return { api: new DemoOrderApi(clock), demo: true };
  }
  const cache = redis ? new RedisResponseCache(redis, config.REDIS_KEY_PREFIX) : new MemoryResponseCache();
  const api = new HttpOrderApi({
    baseUrl: config.ORDER_API_URL,
    apiKey: config.ORDER_API_KEY,
    timeoutMs: config.ORDER_API_TIMEOUT_MS,
    retries: config.ORDER_API_RETRIES,
    backoffMs: 100,
    cache,
    cacheTtlSeconds: config.ORDER_CACHE_TTL_SECONDS,
  });
  return { api, demo: false };
}

/** The agent console's static files. */
const AGENT_CONSOLE_DIR = fileURLToPath(new URL('../web/agent/', import.meta.url));

/** AGENT_TOKENS, or two demo agents whose fresh tokens are logged once (local runs only). */
function agentDirectory(config: Config, logger: Logger): AgentDirectory {
  if (config.AGENT_TOKENS) return new AgentDirectory(config.AGENT_TOKENS);
  const demo = demoAgents();
  logger.warn({ signIn: demo.map(({ agent, token }) => `${agent.id} (${agent.role}): ${token}`) }, 'AGENT_TOKENS is not set: demo agents for /agent, tokens valid until restart');
  return new AgentDirectory(demo);
}

/** Event ids are remembered well past the timestamp tolerance, so a replay is always caught. */
const REPLAY_RETENTION_SECONDS = 7 * 24 * 3600;

async function redisProblem(redis: Redis): Promise<string | undefined> {
  try {
    const answer = await Promise.race([redis.ping(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out after 1 s')), 1000))]);
    return answer === 'PONG' ? undefined : `redis answered ${answer}`;
  } catch (err) {
    return `redis unreachable: ${(err as Error).message}`;
  }
}

/** Replacements for tests: a fake clock, an order system whose trades a test can change. */
export interface KefuOverrides {
  clock?: () => Date;
  orderApi?: OrderApi;
}

export async function createKefu(config: Config, logger: Logger, overrides: KefuOverrides = {}): Promise<Kefu> {
  const clock = overrides.clock ?? (() => new Date());
  const [knowledge, templates, recognizer] = await Promise.all([
    loadKnowledge(config.KNOWLEDGE_DIR ?? KNOWLEDGE_DIR),
    Templates.load(),
    createRecognizer(),
  ]);
  const backend = stateBackend(config, logger);
  const orders = overrides.orderApi ? { api: overrides.orderApi, demo: false } : orderApi(config, logger, backend.redis, clock);
  const metrics = createMetrics();
  const { contacts, replayGuard, conversationLog, handoffs } = sharedStores(config, backend.redis);
  const orderEvents = new OrderEventBus((err, event) => logger.error({ err, eventId: event.id }, 'order event subscriber failed'));
  const conversationState = new ConversationState(backend.conversationStorage);
  const userState = new UserState(backend.userStorage);
  const conversationData = conversationState.createProperty<ConversationData>('conversation');
  const cases = new ConversationCaseLog(conversationState.createProperty<RecordedCase[]>('cases'), logger);
  const orderService = new OrderService(orders.api);
  const handoff = new HumanHandoff({ store: handoffs, log: conversationLog, orders: orderService, templates, knowledge, cases, metrics, clock });
  const mainDialog = new MainDialog({ templates, knowledge, conversationData, orders: orderService, handoff, cases, optOuts: contacts, clock });
  const bot = new KefuBot({ conversationState, userState, conversationData, mainDialog, recognizer, lock: backend.lock, contacts, handoffs, metrics, logger });
  const adapter = createAdapter(config, logger, async (context) => {
    await context.sendActivity(templates.render('error.turnFailed'));
  });
  adapter.use(new TranscriptMiddleware(conversationLog));
  // Typing indicator for turns that take a moment (order lookups): after 500 ms, every 2 s.
  adapter.use(new ShowTypingMiddleware(500, 2000));
  const appId = config.MicrosoftAppId ?? '';
  const desk = new HandoffDesk({ store: handoffs, adapter, appId, templates, knowledge, metrics, logger, clock });
  const waitWatch = setInterval(() => desk.noticeLongWaits().catch((err) => logger.error({ err }, 'handoff wait check failed')), config.HANDOFF_WAIT_CHECK_MS);
  waitWatch.unref();

  let followUps: FollowUps | undefined;
  let agentTasks: AgentTasks | undefined;
  if (backend.redis && config.REDIS_URL) {
    agentTasks = new RedisAgentTasks(backend.redis, config.REDIS_KEY_PREFIX);
    followUps = new FollowUps({
      connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
      redis: backend.redis,
      prefix: config.REDIS_KEY_PREFIX,
      knowledge,
      templates,
      orders: orders.api,
      contacts,
      tasks: agentTasks,
      deliver: proactiveDelivery({ adapter, appId, bot, handoffs, templates, knowledge, clock }),
      metrics,
      logger,
      clock,
    });
    orderEvents.subscribe((event) => followUps!.onOrderEvent(event));
    if (config.FOLLOW_UP_WORKER) followUps.startWorker();
  } else {
    logger.warn('REDIS_URL is not set: proactive messages (催付 reminders, follow-ups) are off; they need Redis');
  }

  const agentApi = agentRoutes({
    agents: agentDirectory(config, logger),
    desk,
    store: handoffs,
    log: conversationLog,
    orders: orders.api,
    tasks: agentTasks,
    copilot: { recognizer, knowledge, templates, itemSkus: (itemId) => orderService.getItemSkus(itemId) },
    clock,
  });

  const webchatSecret = config.WEBCHAT_SECRET ?? randomBytes(32).toString('base64url');
  if (!config.WEBCHAT_SECRET) logger.warn('WEBCHAT_SECRET is not set: web chat tokens are signed with a random secret (valid until restart, this process only)');
  const webchat = directLine({
    adapter,
    onTurn: (context) => bot.onTurn(context),
    log: conversationLog,
    secret: webchatSecret,
    botName: knowledge.profile.shop.name,
    maxMessageChars: config.MAX_MESSAGE_CHARS,
    logger,
    clock,
  });

  let shuttingDown = false;
  const app = createServer({
    adapter,
    onTurn: (context) => bot.onTurn(context),
    maxMessageChars: config.MAX_MESSAGE_CHARS,
    logger,
    routes: {
      '/api/order-events': orderEventsRouter({
        secret: config.ORDER_EVENTS_SECRET,
        toleranceSeconds: config.ORDER_EVENTS_TOLERANCE_SECONDS,
        replayGuard,
        bus: orderEvents,
        logger,
      }),
      ...(orders.demo && { '/demo-orders': demoOrderRouter(orders.api) }),
      '/metrics': metricsRouter(metrics.registry, config.METRICS_TOKEN),
      '/api/agent': agentApi.agent,
      '/api/copilot': agentApi.copilot,
      '/agent': express.Router().use(express.static(AGENT_CONSOLE_DIR)),
      '/directline': webchat.router,
      '/': webchatRoutes({ secret: webchatSecret, demo: orders.demo, clock }),
    },
    notReadyReasons: async () => {
      const reasons: string[] = [];
      if (shuttingDown) reasons.push('shutting down');
      const problem = backend.redis && (await redisProblem(backend.redis));
      if (problem) reasons.push(problem);
      return reasons;
    },
  });

  return {
    app,
    bot,
    knowledge,
    orders: orderService,
    orderEvents,
    followUps,
    agentTasks,
    metrics,
    contacts,
    handoffs,
    conversationLog,
    upgrade: webchat.upgrade,
    markShuttingDown: () => {
      shuttingDown = true;
    },
    close: async (graceMs = config.SHUTDOWN_GRACE_MS) => {
      clearInterval(waitWatch);
      webchat.close();
      await followUps?.close(graceMs);
      await conversationLog.close();
      await backend.redis?.quit();
    },
  };
}
