/** Starts a real Kefu HTTP server for tests, and talks to it the way a channel does. */
import type { Activity } from 'botbuilder';
import { createKefu, type Kefu, type KefuOverrides } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { serve, type Serving } from '../../bot/serve.js';

export interface RunningKefu extends Serving {
  url: string;
  kefu: Kefu;
}

/** Tests send far more than a buyer could from one address; the rate-limit tests set their own. */
export const UNLIMITED = {
  RATE_LIMIT_ADDRESS_REQUESTS_PER_MINUTE: '1000000',
  RATE_LIMIT_BUYER_MESSAGES_PER_MINUTE: '1000000',
  RATE_LIMIT_BUYER_CONVERSATIONS_PER_HOUR: '1000000',
};

export async function startKefu(env: Record<string, string> = {}, overrides: KefuOverrides = {}): Promise<RunningKefu> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...UNLIMITED, ...env });
  const logger = createLogger(config.LOG_LEVEL);
  const kefu = await createKefu(config, logger, overrides);
  const serving = await serve(kefu, config.PORT, config.HOST, logger);
  return { ...serving, url: `http://127.0.0.1:${serving.port}`, kefu };
}

export function messageActivity(conversationId: string, text: string, buyerId = 'buyer-1', serviceUrl?: string): Partial<Activity> {
  return {
    serviceUrl,
    type: 'message',
    channelId: 'test',
    deliveryMode: 'expectReplies',
    conversation: { id: conversationId } as Activity['conversation'],
    from: { id: buyerId, name: buyerId },
    recipient: { id: 'kefu', name: 'kefu' },
    text,
    locale: 'zh-CN',
  };
}

export async function post(url: string, body: unknown, raw = false): Promise<Response> {
  return fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
  });
}

/** Sends a buyer message with expectReplies and returns the bot's replies. */
export async function say(url: string, conversationId: string, text: string, buyerId?: string, serviceUrl?: string): Promise<Partial<Activity>[]> {
  const res = await post(url, messageActivity(conversationId, text, buyerId, serviceUrl));
  if (res.status !== 200) throw new Error(`POST /api/messages → ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { activities: Partial<Activity>[] };
  return body.activities;
}
