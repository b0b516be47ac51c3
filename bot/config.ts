/**
 * Configuration from the environment, validated once at start-up.
 * Every variable is documented in README.md ("Configuration"); keep the two in step.
 */
import { z } from 'zod';
import { parseAgentTokens } from './agents/agentAuth.js';

// 0 lets the OS pick a free port (used by the tests).
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const optionalUrl = optionalText.pipe(z.url().optional());

const envSchema = z.object({
  PORT: port.default(3978),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: optionalUrl,
  REDIS_KEY_PREFIX: z.string().regex(/^[\w.:-]*$/, 'letters, digits and . : - _ only').default('kefu:'),
  CONVERSATION_TTL_SECONDS: positiveInt.default(7 * 24 * 3600),
  USER_TTL_SECONDS: positiveInt.default(90 * 24 * 3600),
  TURN_LOCK_TTL_MS: positiveInt.default(30_000),
  TURN_LOCK_WAIT_MS: positiveInt.default(15_000),
  MAX_MESSAGE_CHARS: positiveInt.default(2000),
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
  WEBCHAT_SECRET: optionalText.pipe(z.string().min(16, 'use at least 16 characters').optional()),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalText,
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; a bad value throws a ConfigError naming each variable and what is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const given = env[name];
    return `  ${name}: ${issue.message}${given === undefined ? '' : ` (got ${JSON.stringify(given)})`}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
