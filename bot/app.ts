/**
 * Wires Kefu together from its configuration: knowledge, templates, recognizer, state
 * (Redis, or in-process memory when none is configured), the turn pipeline and the HTTP app.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ConversationState, MemoryStorage, UserState, type Storage } from 'botbuilder';
import express, { type Express } from 'express';
import type { Cluster, Redis } from 'ioredis';
import { ConversationCaseLog, type RecordedCase } from '../dialogs/caseLog.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import { answerAll } from '../dialogs/quickAnswers.js';
import type { ConversationData } from '../dialogs/turnContext.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { loadKnowledge } from '../knowledge/loader.js';
import { KNOWLEDGE_DIR, projectPath } from '../knowledge/paths.js';
import { Templates } from '../templates/templates.js';
import { createAdapter } from './adapter.js';
import { AgentDirectory, demoAgents } from './agents/agentAuth.js';
import { agentRoutes } from './agents/agentRoutes.js';
import { MemoryHandoffStore, RedisHandoffStore, type HandoffStore } from './handoff/handoffStore.js';
import { HumanHandoff } from './handoff/humanHandoff.js';
import { MemoryConversationLog, RedisConversationLog, type ConversationLog } from './transcripts/conversationLog.js';
import { TranscriptMiddleware } from './transcripts/transcriptMiddleware.js';
import { directLine, isWebchatConnector, WEBCHAT_CHANNEL } from './webchat/directLine.js';
import { webchatRoutes } from './webchat/webchatRoutes.js';
import { redisTarget, type Config } from './config.js';
import type { ChannelAuthMode } from './http/channelAuth.js';
import { createRateLimits } from './http/rateLimits.js';
import { createServer } from './http/server.js';
import { BOT_FRAMEWORK_SERVICE_URLS, LOOPBACK_SERVICE_URLS, serviceUrlAllowed, type ServiceUrlPattern } from './http/serviceUrls.js';
import { KefuBot } from './kefuBot.js';
import { SatisfactionSurvey, SurveyingDesk } from '../dialogs/satisfactionDialog.js';
import { notingCases } from './insights/conversationInsights.js';
import { createShopInsights, insightsRouters, type ShopInsights } from './insights/index.js';
import { TypingIndicator } from './typingIndicator.js';
import type { Logger } from './logger.js';
import { createRecognizer } from './nlu/index.js';
import { DemoOrderApi, demoOrderService } from './orders/demo/demoOrderApi.js';
import { OrderEventBus } from './orders/events/eventBus.js';
import { MemoryReplayGuard, RedisReplayGuard } from './orders/events/replayGuard.js';
import { orderEventsRouter } from './orders/events/webhook.js';
import { OrderReferencingStorage } from './orders/orderReferences.js';
import { HttpOrderApi } from './orders/httpOrderApi.js';
import type { OrderApi } from './orders/orderApi.js';
import { OrderService } from './orders/orderService.js';
import { MemoryResponseCache, RedisResponseCache } from './orders/responseCache.js';
import { createMetrics, metricsRouter, type Metrics } from './metrics.js';
import { RedisAgentTasks, type AgentTasks } from './proactive/agentTasks.js';
import { MemoryBuyerContacts, RedisBuyerContacts, type BuyerContacts } from './proactive/buyerContacts.js';
import { proactiveDelivery } from './proactive/delivery.js';
import { FollowUps } from './proactive/followUps.js';
import { readinessProbeKey, redisProblem } from './state/readiness.js';
import { closeRedis, createRedisClient, whenReady } from './state/redisClient.js';
import { RedisStorage } from './state/redisStorage.js';
import { LocalTurnLock, RedisTurnLock, type TurnLock } from './state/turnLock.js';

export interface Kefu {
  app: Express;
  bot: KefuBot;
  knowledge: KnowledgeBase;
  orders: OrderService;
  /** Accepted order events from the shop's system (POST /api/order-events). */
  orderEvents: OrderEventBus;
  /** Proactive messages (催付 reminders, follow-ups); only with Redis. */
  followUps?: FollowUps;
  /** Tasks for agents, e.g. reminders for buyers the bot cannot reach; only with Redis. */
  agentTasks?: AgentTasks;
  metrics: Metrics;
  /** Outcomes, satisfaction, unanswered questions and the runtime FAQ overlay (/insights). */
  insights: ShopInsights;
  /** Buyers' last conversations and their "no more reminders". */
  contacts: BuyerContacts;
  handoffs: HandoffStore;
  conversationLog: ConversationLog;
  /** WebSocket upgrades (the web chat's Direct Line stream); serve() attaches it to the server. */
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Makes /readyz answer 503 so a load balancer stops sending traffic, and ends web chat streams. */
  markShuttingDown(): void;
  /** Stops the follow-up worker (jobs in progress get up to graceMs) and closes Redis; call after the HTTP server has stopped. */
  close(graceMs?: number): Promise<void>;
}

interface StateBackend {
  conversationStorage: Storage;
  userStorage: Storage;
  lock: TurnLock;
  redis?: Redis | Cluster;
}

function stateBackend(config: Config, logger: Logger): StateBackend {
  const target = redisTarget(config);
  if (!target) {
    logger.warn('no Redis is configured (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES): conversation state is kept in this process only (lost on restart, not shared between processes)');
    const memory = new MemoryStorage();
    return { conversationStorage: memory, userStorage: memory, lock: new LocalTurnLock(config.TURN_LOCK_WAIT_MS) };
  }
  const redis = createRedisClient(target, { commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS }, logger);
  const prefix = config.REDIS_KEY_PREFIX;
  // Sentinel: an answered turn must be on the replica that may become master (docs/scaling.md).
  // The wait stays under the command timeout, so a failover answers 503, not a timeout.
  const replicas = { count: config.REDIS_WAIT_REPLICAS ?? (config.REDIS_SENTINELS ? 1 : 0), waitMs: Math.max(1, config.REDIS_COMMAND_TIMEOUT_MS - 200) };
  logger.info({ prefix, waitReplicas: replicas.count }, 'conversation state in Redis');
  return {
    redis,
    conversationStorage: new RedisStorage(redis, { prefix, ttlSeconds: config.CONVERSATION_TTL_SECONDS, replicas }),
    userStorage: new RedisStorage(redis, { prefix, ttlSeconds: config.USER_TTL_SECONDS, replicas }),
    lock: new RedisTurnLock(redis, { prefix, ttlMs: config.TURN_LOCK_TTL_MS, waitMs: config.TURN_LOCK_WAIT_MS }),
  };
}

/** Stores every process must share: Redis, or memory in the embedded single-process mode. */
function sharedStores(config: Config, redis: Redis | Cluster | undefined) {
  const prefix = config.REDIS_KEY_PREFIX;
  if (!redis)
    return {
      contacts: new MemoryBuyerContacts(),
      replayGuard: new MemoryReplayGuard(REPLAY_RETENTION_SECONDS),
      conversationLog: new MemoryConversationLog(config.TRANSCRIPT_MAX_ENTRIES),
      handoffs: new MemoryHandoffStore(),
    };
  return {
    contacts: new RedisBuyerContacts(redis, prefix, config.USER_TTL_SECONDS),
    replayGuard: new RedisReplayGuard(redis, prefix, REPLAY_RETENTION_SECONDS),
    conversationLog: new RedisConversationLog(redis, prefix, config.CONVERSATION_TTL_SECONDS, config.TRANSCRIPT_MAX_ENTRIES),
    handoffs: new RedisHandoffStore(redis, prefix, config.CONVERSATION_TTL_SECONDS),
  };
}

/** The shop's order system: ORDER_API_URL over HTTP, or the embedded demo (also served at /demo-orders). */
function orderApi(config: Config, logger: Logger, redis: Redis | Cluster | undefined, clock: () => Date): { api: OrderApi; demo: boolean; demoKey?: string } {
  if (!config.ORDER_API_URL) {
    // The demo trades carry receivers' names, mobiles and addresses: served only with a key.
    const demoKey = config.ORDER_API_KEY ?? randomBytes(18).toString('base64url');
    logger.warn(
      { demoOrdersKey: config.ORDER_API_KEY ? 'the value of ORDER_API_KEY' : demoKey },
      'ORDER_API_URL is not set: using the embedded demo orders (also served at /demo-orders to requests with X-Api-Key: demoOrdersKey)',
    );
    return { api: new DemoOrderApi(clock), demo: true, demoKey };
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
    logger,
  });
  return { api, demo: false };
}

/** The agent console's static files. */
const AGENT_CONSOLE_DIR = projectPath('web', 'agent');

/** AGENT_TOKENS, or two demo agents whose fresh tokens are logged once (local runs only). */
function agentDirectory(config: Config, logger: Logger): AgentDirectory {
  if (config.AGENT_TOKENS) return new AgentDirectory(config.AGENT_TOKENS);
  const demo = demoAgents();
  logger.warn({ signIn: demo.map(({ agent, token }) => `${agent.id} (${agent.role}): ${token}`) }, 'AGENT_TOKENS is not set: demo agents for /agent, tokens valid until restart');
  return new AgentDirectory(demo);
}

/** Where replies may go: ALLOWED_SERVICE_URLS, else Bot Framework's hosts with its auth, else this machine. */
function allowedServiceUrls(config: Config): ServiceUrlPattern[] {
  return config.ALLOWED_SERVICE_URLS ?? (config.MicrosoftAppId ? BOT_FRAMEWORK_SERVICE_URLS : LOOPBACK_SERVICE_URLS);
}

function channelAuthMode(config: Config): ChannelAuthMode {
  if (config.MicrosoftAppId) return { kind: 'botFramework' };
  if (config.CHANNEL_SECRET) return { kind: 'channelSecret', secret: config.CHANNEL_SECRET };
  return { kind: 'localOnly' };
}

/** Event ids are remembered well past the timestamp tolerance, so a replay is always caught. */
const REPLAY_RETENTION_SECONDS = 7 * 24 * 3600;

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
  if (backend.redis) await whenReady(backend.redis);
  const orders = overrides.orderApi ? { api: overrides.orderApi, demo: false } : orderApi(config, logger, backend.redis, clock);
  const metrics = createMetrics();
  const { contacts, replayGuard, conversationLog, handoffs } = sharedStores(config, backend.redis);
  const orderEvents = new OrderEventBus((err, event) => logger.error({ err, eventId: event.id }, 'order event subscriber failed'));
  // State keeps references to orders (tid, oid, itemId), read back fresh each turn: no receiver's details in it.
  const conversationState = new ConversationState(new OrderReferencingStorage(backend.conversationStorage, orders.api));
  const userState = new UserState(new OrderReferencingStorage(backend.userStorage, orders.api));
  const conversationData = conversationState.createProperty<ConversationData>('conversation');
  const insights = createShopInsights({
    redis: backend.redis,
    prefix: config.REDIS_KEY_PREFIX,
    idleMinutes: config.CONVERSATION_IDLE_MINUTES,
    sessionTtlSeconds: config.CONVERSATION_TTL_SECONDS,
    knowledge,
    metrics,
    logger,
    clock,
  });
  await insights.start();
  orderEvents.subscribe((event) => insights.conversations.onOrderEvent(event));
  const survey = new SatisfactionSurvey({ insights: insights.conversations, templates });
  const cases = notingCases(new ConversationCaseLog(conversationState.createProperty<RecordedCase[]>('cases'), logger), insights.conversations);
  const orderService = new OrderService(orders.api);
  const handoff = new HumanHandoff({ store: handoffs, log: conversationLog, orders: orderService, templates, knowledge, cases, metrics, clock });
  const mainDialog = new MainDialog({ templates, knowledge, conversationData, orders: orderService, handoff, cases, optOuts: contacts, clock, recognizer, survey });
  const bot = new KefuBot({
    conversationState,
    userState,
    conversationData,
    mainDialog,
    recognizer,
    lock: backend.lock,
    contacts,
    handoffs,
    metrics,
    logger,
    turnDeadlineMs: config.TURN_DEADLINE_MS,
    insights: insights.conversations,
  });
  const webchatSecret = config.WEBCHAT_SECRET ?? randomBytes(32).toString('base64url');
  if (!config.WEBCHAT_SECRET) logger.warn('WEBCHAT_SECRET is not set: web chat tokens are signed with a random secret (valid until restart, this process only)');
  const serviceUrls = allowedServiceUrls(config);
  const ownConnector = isWebchatConnector(webchatSecret);
  const serviceUrlOk = (url: string) => serviceUrlAllowed(url, serviceUrls) || ownConnector(url);
  const adapter = createAdapter(config, { serviceUrlAllowed: serviceUrlOk, outboundTimeoutMs: config.OUTBOUND_TIMEOUT_MS }, logger, async (context) => {
    await context.sendActivity(templates.render('error.turnFailed'));
  });
  adapter.use(new TranscriptMiddleware(conversationLog));
  // Typing indicator for turns that take a moment (order lookups): after 500 ms, every 2 s.
  adapter.use(new TypingIndicator(500, 2000, logger));
  const rateLimits = createRateLimits(
    {
      addressPerMinute: config.RATE_LIMIT_ADDRESS_REQUESTS_PER_MINUTE,
      buyerMessagesPerMinute: config.RATE_LIMIT_BUYER_MESSAGES_PER_MINUTE,
      buyerConversationsPerHour: config.RATE_LIMIT_BUYER_CONVERSATIONS_PER_HOUR,
    },
    backend.redis,
    config.REDIS_KEY_PREFIX,
  );
  const appId = config.MicrosoftAppId ?? '';
  const desk = new SurveyingDesk({ store: handoffs, adapter, appId, templates, knowledge, metrics, logger, clock, survey });
  const waitWatch = setInterval(() => desk.noticeLongWaits().catch((err) => logger.error({ err }, 'handoff wait check failed')), config.HANDOFF_WAIT_CHECK_MS);
  waitWatch.unref();

  let followUps: FollowUps | undefined;
  let agentTasks: AgentTasks | undefined;
  if (backend.redis) {
    agentTasks = new RedisAgentTasks(backend.redis, config.REDIS_KEY_PREFIX);
    followUps = new FollowUps({
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
    logger.warn('no Redis is configured: proactive messages (催付 reminders, follow-ups) are off; they need Redis');
  }

  const agents = agentDirectory(config, logger);
  const insightsApi = insightsRouters(insights, agents, clock);
  const agentApi = agentRoutes({
    agents,
    desk,
    store: handoffs,
    log: conversationLog,
    orders: orders.api,
    tasks: agentTasks,
    copilot: {
      recognizer,
      knowledge,
      templates,
      itemSkus: (itemId) => orderService.getItemSkus(itemId),
      answerPresale: (question, itemId, now) => answerAll({ templates, knowledge, orders: orderService }, [question], { itemInView: itemId }, now),
    },
    clock,
  });

  const tooLongReply = templates.render('error.messageTooLong', { maxChars: config.MAX_MESSAGE_CHARS });
  const webchat = directLine({
    adapter,
    onTurn: (context) => bot.onTurn(context),
    log: conversationLog,
    secret: webchatSecret,
    botName: knowledge.profile.shop.name,
    maxMessageChars: config.MAX_MESSAGE_CHARS,
    tooLongReply,
    rateLimits,
    logger,
    clock,
  });

  let shuttingDown = false;
  const app = createServer({
    adapter,
    onTurn: (context) => bot.onTurn(context),
    channelAuth: channelAuthMode(config),
    activities: {
      maxMessageChars: config.MAX_MESSAGE_CHARS,
      allowedServiceUrls: serviceUrls,
      // The embedded web chat's conversations are its signed buyers' alone; Bot Framework's own
      // Web Chat channel uses the same id, with tokens the adapter checks.
      reservedChannels: config.MicrosoftAppId ? [] : [WEBCHAT_CHANNEL],
      tooLongReply,
    },
    rateLimits,
    trustProxy: config.TRUST_PROXY,
    logger,
    routes: {
      '/api/order-events': orderEventsRouter({
        secret: config.ORDER_EVENTS_SECRET,
        toleranceSeconds: config.ORDER_EVENTS_TOLERANCE_SECONDS,
        replayGuard,
        bus: orderEvents,
        logger,
      }),
      ...(orders.demoKey && { '/demo-orders': demoOrderService(orders.api, orders.demoKey) }),
      '/metrics': metricsRouter(metrics.registry, config.METRICS_TOKEN),
      '/api/agent': agentApi.agent,
      '/api/copilot': agentApi.copilot,
      '/agent': express.Router().use(express.static(AGENT_CONSOLE_DIR)),
      '/api/insights': insightsApi.api,
      '/insights': insightsApi.page,
      '/directline': webchat.router,
      '/': webchatRoutes({ secret: webchatSecret, demo: orders.demo, clock }),
    },
    notReadyReasons: async () => {
      const reasons: string[] = [];
      if (shuttingDown) reasons.push('shutting down');
      const problem = backend.redis && (await redisProblem(backend.redis, readinessProbeKey(config.REDIS_KEY_PREFIX)));
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
    insights,
    contacts,
    handoffs,
    conversationLog,
    upgrade: webchat.upgrade,
    markShuttingDown: () => {
      shuttingDown = true;
      // Web chat clients reconnect (to another process) rather than hold this one open.
      webchat.close();
    },
    close: async (graceMs = config.SHUTDOWN_GRACE_MS) => {
      clearInterval(waitWatch);
      await insights.close();
      webchat.close();
      await followUps?.close(graceMs);
      await conversationLog.close();
      if (backend.redis) await closeRedis(backend.redis);
    },
  };
}
