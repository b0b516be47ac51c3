/**
 * Configuration from the environment, validated once at start-up.
 * Every variable is documented in README.md ("Configuration"); keep the two in step.
 */
import { z } from 'zod';
import { parseAgentTokens } from './agents/agentAuth.js';
import { isLoopbackHost, parseServiceUrlPatterns } from './http/serviceUrls.js';
import { parseHostPorts, type RedisTarget } from './state/redisClient.js';

// 0 lets the OS pick a free port (used by the tests).
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const optionalUrl = optionalText.pipe(z.url().optional());

const serviceUrlPatterns = z.string().transform((spec, ctx) => {
  try {
    return parseServiceUrlPatterns(spec);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

const hostPorts = z.string().transform((spec, ctx) => {
  try {
    return parseHostPorts(spec);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});
const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');

const envSchema = z.object({
  PORT: port.default(3978),
  // Loopback by default: with no channel authentication configured, only this machine may call.
  HOST: z.string().default('127.0.0.1'),
  // Express's "trust proxy": which proxies' X-Forwarded-For names the client (rate limits per address).
  TRUST_PROXY: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: optionalUrl,
  REDIS_KEY_PREFIX: z.string().regex(/^[\w.:-]*$/, 'letters, digits and . : - _ only').default('kefu:'),
  REDIS_COMMAND_TIMEOUT_MS: positiveInt.default(1000),
  REDIS_CLUSTER_NODES: optionalText.pipe(hostPorts.optional()),
  REDIS_SENTINELS: optionalText.pipe(hostPorts.optional()),
  REDIS_SENTINEL_NAME: optionalText,
  REDIS_SENTINEL_PASSWORD: optionalText,
  REDIS_PASSWORD: optionalText,
  REDIS_TLS: flag,
  REDIS_TLS_CA_FILE: optionalText,
  // Replicas a turn's state must reach before the turn is answered (Redis WAIT); default 1 with Sentinel, else 0.
  REDIS_WAIT_REPLICAS: z.coerce.number().int().min(0).max(10).optional(),
  CONVERSATION_TTL_SECONDS: positiveInt.default(7 * 24 * 3600),
  TRANSCRIPT_MAX_ENTRIES: positiveInt.default(500),
  USER_TTL_SECONDS: positiveInt.default(90 * 24 * 3600),
  TURN_LOCK_TTL_MS: positiveInt.default(30_000),
  TURN_LOCK_WAIT_MS: positiveInt.default(15_000),
  MAX_MESSAGE_CHARS: positiveInt.default(2000),
  TURN_DEADLINE_MS: positiveInt.default(12_000),
  OUTBOUND_TIMEOUT_MS: positiveInt.default(5000),
  ALLOWED_SERVICE_URLS: optionalText.pipe(serviceUrlPatterns.optional()),
  CHANNEL_SECRET: optionalText.pipe(z.string().min(32, 'use at least 32 characters').optional()),
  RATE_LIMIT_BUYER_MESSAGES_PER_MINUTE: positiveInt.default(30),
  RATE_LIMIT_ADDRESS_REQUESTS_PER_MINUTE: positiveInt.default(600),
  RATE_LIMIT_BUYER_CONVERSATIONS_PER_HOUR: positiveInt.default(30),
  SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
  KNOWLEDGE_DIR: optionalText,
  ORDER_API_URL: optionalUrl,
  ORDER_API_KEY: optionalText,
  ORDER_API_TIMEOUT_MS: positiveInt.default(2000),
  ORDER_API_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  ORDER_CACHE_TTL_SECONDS: positiveInt.default(15),
  ORDER_EVENTS_SECRET: optionalText.pipe(z.string().min(16, 'use at least 16 characters').optional()),
  ORDER_EVENTS_TOLERANCE_SECONDS: positiveInt.default(300),
  FOLLOW_UP_WORKER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  METRICS_TOKEN: optionalText,
  AGENT_TOKENS: optionalText.transform((spec, ctx) => {
    if (spec === undefined) return undefined;
    try {
      return parseAgentTokens(spec);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  }),
  HANDOFF_WAIT_CHECK_MS: positiveInt.default(15_000),
  CONVERSATION_IDLE_MINUTES: positiveInt.default(30),
  WEBCHAT_SECRET: optionalText.pipe(z.string().min(16, 'use at least 16 characters').optional()),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalText,
});

/**
 * Without Bot Framework authentication or a channel secret, /api/messages believes whatever buyer
 * id a caller claims; such a server may only listen where nobody else can reach it.
 */
type Env = z.infer<typeof envSchema>;

/** One Redis topology at a time, each with the settings that belong to it. */
function redisTopologyIssues(config: Env, ctx: z.RefinementCtx): void {
  const issue = (path: keyof Env, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const chosen = (['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] as const).filter((name) => config[name] !== undefined);
  if (chosen.length > 1) issue(chosen[1]!, `set only one of REDIS_URL, REDIS_CLUSTER_NODES and REDIS_SENTINELS (got ${chosen.join(' and ')})`);
  if (config.REDIS_SENTINELS && !config.REDIS_SENTINEL_NAME) issue('REDIS_SENTINEL_NAME', 'required with REDIS_SENTINELS: the master name the sentinels monitor');
  for (const name of ['REDIS_SENTINEL_NAME', 'REDIS_SENTINEL_PASSWORD'] as const) {
    if (config[name] !== undefined && !config.REDIS_SENTINELS) issue(name, 'only meaningful with REDIS_SENTINELS');
  }
  if (config.REDIS_URL) {
    if (config.REDIS_PASSWORD) issue('REDIS_PASSWORD', 'with REDIS_URL, put the password in the URL (redis://:password@host:port)');
    if (config.REDIS_TLS) issue('REDIS_TLS', 'with REDIS_URL, use a rediss:// URL for TLS');
  }
  if (config.REDIS_TLS_CA_FILE && !config.REDIS_TLS) issue('REDIS_TLS_CA_FILE', 'only meaningful with REDIS_TLS=true');
}

const configSchema = envSchema.superRefine(redisTopologyIssues).superRefine((config, ctx) => {
  if (isLoopbackHost(config.HOST) || config.MicrosoftAppId || config.CHANNEL_SECRET) return;
  ctx.addIssue({
    code: 'custom',
    path: ['HOST'],
    message:
      `listening on ${config.HOST} without channel authentication would let anyone act as any buyer. ` +
      'Set MicrosoftAppId and MicrosoftAppPassword (Bot Framework authentication), or CHANNEL_SECRET (callers of /api/messages send ' +
      '"Authorization: Bearer <secret>"), or listen on loopback (HOST=127.0.0.1) for development',
  });
});

export type Config = z.infer<typeof configSchema>;

/** The Redis the configuration names, or undefined for in-process state. */
export function redisTarget(config: Config): RedisTarget | undefined {
  const auth = { password: config.REDIS_PASSWORD, tls: config.REDIS_TLS ? { caFile: config.REDIS_TLS_CA_FILE } : undefined };
  if (config.REDIS_CLUSTER_NODES) return { cluster: config.REDIS_CLUSTER_NODES, ...auth };
  if (config.REDIS_SENTINELS) {
    const { REDIS_SENTINELS: sentinels, REDIS_SENTINEL_NAME: name, REDIS_SENTINEL_PASSWORD: sentinelPassword } = config;
    return { sentinels, name: name!, sentinelPassword, ...auth };
  }
  return config.REDIS_URL;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; a bad value throws a ConfigError naming each variable and what is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const given = env[name];
    return `  ${name}: ${issue.message}${given === undefined ? '' : ` (got ${JSON.stringify(given)})`}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
