/**
 * An FAQ answer a supervisor adds through /api/insights is used at once by a second Kefu process
 * sharing the Redis, and the export is a knowledge/faq/ file the knowledge loader accepts.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadKnowledge } from '../../knowledge/loader.js';
import { KNOWLEDGE_DIR } from '../../knowledge/paths.js';
import { say, startKefu, type RunningKefu } from '../support/kefu.js';
import { testRedis } from '../support/redis.js';

const SUPERVISOR = 'overlay-supervisor-token-1';
/** Not understood by the recognizer (no intent routes it to the FAQ): the cluster such an answer is made from. */
const QUESTION = '验证码收不到怎么回事';
const { redis, prefix, url } = testRedis();
let first: RunningKefu;
let second: RunningKefu;

beforeAll(async () => {
  const env = { REDIS_URL: url, REDIS_KEY_PREFIX: prefix, AGENT_TOKENS: `lead1:supervisor:${SUPERVISOR}` };
  [first, second] = await Promise.all([startKefu(env), startKefu(env)]);
});
afterAll(async () => {
  await Promise.all([first?.stop(500), second?.stop(500)]);
  await redis.quit();
});

const addFaq = (body: object) =>
  fetch(`${first.url}/api/insights/faq`, { method: 'POST', headers: { authorization: `Bearer ${SUPERVISOR}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('FAQ answers added from the insights page', () => {
  it('refuses an entry without two wordings besides the question, or with an overlong answer', async () => {
    expect((await addFaq({ question: QUESTION, paraphrases: [QUESTION, '收不到验证码'], answer: '重新发送' })).status).toBe(400);
    expect((await addFaq({ question: QUESTION, paraphrases: ['收不到验证码', '验证码没收到'], answer: '很'.repeat(1001) })).status).toBe(400);
  });

  it('the other process answers with it as soon as it has the new version', async () => {
    const before = (await say(second.url, 'overlay-before', QUESTION, 'shopper-without-orders')).map((a) => a.text).join('\n');
    expect(before).not.toContain('重新发送');
    const res = await addFaq({ question: QUESTION, paraphrases: ['收不到验证码', '验证码一直没收到'], answer: '亲，验证码收不到的话，请看下短信是否被拦截，或者60秒后点“重新发送”~' });
    expect(res.status).toBe(201);
    const { version } = (await res.json()) as { version: number };
    await vi.waitFor(() => expect(second.kefu.insights.faq.version).toBe(version));
    const after = (await say(second.url, 'overlay-after', QUESTION, 'shopper-without-orders')).map((a) => a.text).join('\n');
    expect(after).toContain('重新发送');
  });

  it('exports the added entries as a knowledge/faq file that the knowledge loader accepts', async () => {
    const res = await fetch(`${first.url}/api/insights/faq/export`, { headers: { authorization: `Bearer ${SUPERVISOR}` } });
    expect(res.headers.get('content-disposition')).toContain('added.yaml');
    const dir = await mkdtemp(join(tmpdir(), 'kefu-faq-'));
    try {
      await cp(KNOWLEDGE_DIR, dir, { recursive: true });
      await writeFile(join(dir, 'faq', 'added.yaml'), await res.text());
      const knowledge = await loadKnowledge(dir);
      expect(knowledge.faq.answer('验证码一直没收到')?.entry.answer).toContain('重新发送');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
