/**
 * Issue 13: bounded property-based fuzzing of the buyer-facing endpoints. Whatever arrives, the
 * answer is a documented status (never a 5xx other than 503), nothing crashes or rejects
 * unhandled (vitest fails the run on one), and the server still serves buyers afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBCHAT_TEST_SECRET, directLineCall, webChat } from '../support/directLine.js';
import { messageActivity, post, say, startKefu, type RunningKefu } from '../support/kefu.js';
import { testRedis } from '../support/redis.js';

const DOCUMENTED = new Set([200, 201, 400, 401, 403, 404, 413, 415, 429, 503]);
/** The turn-failed apology: accepted input must never make a turn fail. */
const APOLOGY = '系统刚才开了个小差';
const RUNS = { numRuns: 150, seed: 20261123 };

const { redis, prefix, url } = testRedis();
let kefu: RunningKefu;
beforeAll(async () => {
  kefu = await startKefu({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix, WEBCHAT_SECRET: WEBCHAT_TEST_SECRET });
});
afterAll(async () => {
  await kefu.stop(500);
  await redis.quit();
});

const json = fc.jsonValue({ maxDepth: 4 });
/** A valid buyer message with some of its fields replaced by arbitrary JSON. */
const mutatedActivity = fc
  .record(
    {
      type: fc.oneof(fc.constantFrom('message', 'conversationUpdate', 'event', 'invoke', 'typing'), json),
      channelId: fc.oneof(fc.constantFrom('test', 'webchat', 'msteams'), fc.string({ maxLength: 80 }), json),
      conversation: fc.oneof(fc.record({ id: fc.string({ maxLength: 300 }) }), json),
      from: fc.oneof(fc.record({ id: fc.string({ maxLength: 300 }), role: fc.constantFrom('user', 'bot', 'skill') }), json),
      text: fc.oneof(fc.string({ maxLength: 300, unit: 'binary' }), json),
      locale: json,
      value: json,
      channelData: json,
      serviceUrl: fc.oneof(fc.webUrl(), json),
      deliveryMode: fc.oneof(fc.constant('expectReplies'), json),
    },
    { requiredKeys: [] },
  )
  .map((changes) => ({ ...messageActivity('fuzz', '你好', 'tb_buyer_001'), ...changes }));

describe('fuzzing /api/messages and Direct Line', () => {
  it('/api/messages: arbitrary JSON bodies', async () => {
    await fc.assert(
      fc.asyncProperty(json, async (body) => {
        const res = await post(kefu.url, JSON.stringify(body), true);
        await res.arrayBuffer();
        expect(DOCUMENTED).toContain(res.status);
      }),
      RUNS,
    );
  });

  it('/api/messages: activities with fields mutated', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedActivity, async (activity) => {
        const res = await post(kefu.url, activity);
        const body = await res.text();
        expect(DOCUMENTED).toContain(res.status);
        expect(body).not.toContain(APOLOGY);
      }),
      RUNS,
    );
  });

  it('/api/messages: bytes that are not JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200, unit: 'binary' }), async (text) => {
        const res = await post(kefu.url, text, true);
        await res.arrayBuffer();
        expect(DOCUMENTED).toContain(res.status);
      }),
      RUNS,
    );
  });

  it('Direct Line: posted activities, watermarks and tokens', async () => {
    const chat = await webChat(kefu.url, 'tb_buyer_002');
    await fc.assert(
      fc.asyncProperty(
        json,
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 200 }),
        async (body, watermark, token) => {
          const posted = await chat.post(body);
          expect(DOCUMENTED).toContain(posted.status);
          const read = await directLineCall(kefu.url, 'GET', `/conversations/${chat.conversationId}/activities?watermark=${encodeURIComponent(watermark)}`, chat.token);
          expect(read.status).toBe(200);
          const forged = await directLineCall(kefu.url, 'POST', `/conversations/${chat.conversationId}/activities`, token, body);
          expect([400, 403]).toContain(forged.status);
        },
      ),
      { ...RUNS, numRuns: 60 },
    );
  });

  it('still serves buyers afterwards', async () => {
    expect((await fetch(`${kefu.url}/healthz`)).status).toBe(200);
    const [reply] = await say(kefu.url, 'after-fuzz', '你好');
    expect(reply?.text).toContain('欢迎光临');
  });
});
