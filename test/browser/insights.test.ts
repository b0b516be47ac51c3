/**
 * The shop's insights page in headless Chromium: an agent is turned away, a supervisor sees the
 * day's numbers and the questions the bot could not answer (buyer text shown as text), adds an
 * answer from a cluster, and the bot answers that question from then on.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { say, startKefu, type RunningKefu } from '../support/kefu.js';
import { at } from '../support/knowledge.js';
import { testRedis } from '../support/redis.js';

const SUPERVISOR = 'page-supervisor-token-0001';
const AGENT = 'page-agent-token-000000001';
const HOSTILE = '<img src=x onerror=alert(1)> 验证码收不到怎么回事';
const { redis, prefix, url } = testRedis();
let now = at('2026-11-23 10:00');
let kefu: RunningKefu;
let browser: Browser;

const chat = async (...texts: string[]) => {
  const conversation = `page-${randomUUID()}`;
  const replies: string[] = [];
  for (const text of texts) replies.push(...(await say(kefu.url, conversation, text, 'shopper-without-orders')).map((a) => a.text ?? ''));
  return replies;
};

beforeAll(async () => {
  kefu = await startKefu({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix, AGENT_TOKENS: `lead1:supervisor:${SUPERVISOR},xiaoqing:agent:${AGENT}` }, { clock: () => now });
  browser = await launchBrowser();
  await chat('能货到付款吗', '谢谢', '满意');
  await chat('转人工');
  await chat('验证码收不到怎么回事');
  await chat(HOSTILE);
  now = new Date(now.getTime() + 31 * 60_000);
  await kefu.kefu.insights.conversations.endIdle();
});
afterAll(async () => {
  await browser?.close();
  await kefu?.stop(500);
  await redis.quit();
});

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${kefu.url}/insights/`);
  await page.getByLabel('主管令牌').fill(token);
  await page.getByRole('button', { name: '登录' }).click();
}

describe('insights page', () => {
  it('agents are told it is for supervisors; a supervisor sees the numbers, adds an answer the bot then uses', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await signIn(page, AGENT);
    await expect.poll(() => page.locator('#sign-in-error').textContent()).toContain('只有主管');

    await signIn(page, SUPERVISOR);
    await expect.poll(() => page.locator('#conversations').textContent()).toBe('4');
    expect(await page.locator('#resolution-rate').textContent()).toBe('25%');
    expect(await page.locator('#handoff-rate').textContent()).toBe('25%');
    expect(await page.locator('#satisfaction').textContent()).toContain('100%');
    const cluster = page.locator('#unanswered li', { hasText: '验证码' });
    await expect.poll(() => cluster.textContent()).toContain('2次');
    expect(await cluster.textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('#unanswered img').count()).toBe(0);
    // Chart.js comes from Kefu itself and drew the charts.
    expect(await page.evaluate(() => typeof (window as unknown as { Chart?: unknown }).Chart)).toBe('function');
    await page.screenshot({ path: 'docs/insights.png', fullPage: true });

    await cluster.getByRole('button', { name: '补充答案' }).click();
    // The buyers' wordings come from the cluster; the FAQ wants two besides the question, so one more.
    const paraphrases = page.locator('#faq-paraphrases');
    const question = await page.locator('#faq-question').inputValue();
    const asked = await paraphrases.inputValue();
    expect([question, asked].sort()).toEqual([HOSTILE, '验证码收不到怎么回事'].sort());
    await paraphrases.fill(`${asked}\n验证码一直没收到`);
    await page.getByRole('textbox', { name: '答案', exact: true }).fill('亲，验证码收不到的话，请检查手机是否拦截了短信，或者60秒后点“重新发送”~');
    await page.getByRole('button', { name: '保存并立即生效' }).click();
    await expect.poll(() => page.locator('#faq-status').textContent()).toContain('已保存');
    expect(dialogs).toEqual([]);
    expect((await chat('验证码收不到怎么回事')).join('\n')).toContain('重新发送');
  });
});
