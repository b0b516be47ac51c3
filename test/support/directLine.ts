/** Talks to Kefu's embedded Direct Line endpoint as the web chat page does. */
import type { Activity } from 'botbuilder';
import { signToken } from '../../bot/webchat/signedToken.js';
import { unescapeText } from '../../templates/escape.js';

export const WEBCHAT_TEST_SECRET = 'webchat-secret-for-tests';

export const buyerToken = (buyerId: string, secret = WEBCHAT_TEST_SECRET, exp = Math.floor(Date.now() / 1000) + 600) =>
  signToken(secret, 'buyer', { buyerId, exp });

export async function directLineCall(baseUrl: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${baseUrl}/directline${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

/** A signed buyer's web chat conversation: post messages, read what everybody said. */
export async function webChat(baseUrl: string, buyerId: string) {
  const started = await directLineCall(baseUrl, 'POST', '/conversations', buyerToken(buyerId));
  if (started.status !== 201) throw new Error(`POST /directline/conversations → ${started.status}`);
  const { conversationId, token } = started.body as { conversationId: string; token: string };
  return {
    conversationId,
    token,
    post: (activity: unknown) => directLineCall(baseUrl, 'POST', `/conversations/${conversationId}/activities`, token, activity),
    activities: async (watermark = 0) =>
      (await directLineCall(baseUrl, 'GET', `/conversations/${conversationId}/activities?watermark=${watermark}`, token)).body.activities as Partial<Activity>[],
  };
}

export const texts = (activities: Partial<Activity>[]) => activities.filter((a) => a.type === 'message').map((a) => unescapeText(a.text ?? ''));
