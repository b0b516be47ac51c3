/**
 * The agent console in headless Chromium: an agent signs in, takes a queued conversation, sends
 * a copilot suggestion, and the buyer's channel receives it; hostile buyer text stays text, and a
 * buyer claiming to be an agent stays the buyer.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unescapeText } from '../../templates/escape.js';
import { launchBrowser } from '../support/browser.js';
import { startChannelSink, type ChannelSink } from '../support/channelSink.js';
import { messageActivity, post, say, startKefu, type RunningKefu } from '../support/kefu.js';
import { at } from '../support/knowledge.js';
import { testRedis } from '../support/redis.js';

const TOKEN = 'console-agent-token-0123';
const HOSTILE = '<img src=x onerror=alert(1)>';
const { redis, prefix, url } = testRedis();
let kefu: RunningKefu;
let sink: ChannelSink;
let browser: Browser;

beforeAll(async () => {
  sink = await startChannelSink();
  const now = at('2026-11-23 10:00');
  kefu = await startKefu({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix, AGENT_TOKENS: `xiaoqing:agent:${TOKEN}` }, { clock: () => now });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await kefu?.stop(500);
  await sink?.close();
  await redis.quit();
});

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${kefu.url}/agent/`);
  await page.getByLabel('客服令牌').fill(token);
  await page.getByRole('button', { name: '登录' }).click();
}

describe('agent console', () => {
  it('sign in, take the conversation, send a suggested reply; buyer text shows as text', async () => {
    const conversation = `ac-${randomUUID()}`;
    const buyer = (text: string) => say(kefu.url, conversation, text, 'tb_buyer_001', sink.url);
    await buyer('订单3289114476201230004 想换成XXL');
    await buyer('转人工');
    await buyer(HOSTILE);

    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await signIn(page, 'wrong-token-0123456789');
    await expect.poll(() => page.locator('#sign-in-error').textContent()).toContain('令牌无效');
    await signIn(page, TOKEN);

    await page.locator('#queue button', { hasText: '买家要求转人工' }).click();
    expect(await page.locator('#sign-in').isVisible()).toBe(false);
    await expect.poll(() => page.locator('#transcript').innerText()).toContain(HOSTILE);
    expect(await page.locator('#transcript img').count()).toBe(0);
    expect(await page.locator('#order').innerText()).toContain('3289114476201230004');
    await expect.poll(() => page.locator('#deadlines').innerText()).toContain('七天无理由退换截止');
    // Copilot reads the buyer's latest question (the exchange), not the noise after it.
    expect(await page.locator('#decision').innerText()).toContain('不能换 · 想换的规格和原来的价格不一样');

    await page.getByRole('button', { name: '接入' }).click();
    await expect.poll(() => page.locator('#case-status').textContent()).toContain('xiaoqing 接待中');
    const suggestion = page.locator('#suggestions li').first();
    await suggestion.getByRole('button', { name: '放入回复框' }).click();
    const reply = await page.getByLabel('回复买家').inputValue();
    expect(reply.length).toBeGreaterThan(5);
    await page.getByRole('button', { name: '发送' }).click();

    const received = await sink.waitFor(conversation, 3);
    expect(unescapeText(received.at(-1)!.text ?? '')).toBe(reply);
    await expect.poll(() => page.locator('#transcript').innerText()).toContain(reply.split('\n')[0]!);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'docs/agent-console.png' });
    expect(dialogs).toEqual([]);
  });

  it("shows a buyer's message as the buyer's, whatever channelData.kefuAgent it carries", async () => {
    const conversation = `ai-${randomUUID()}`;
    const buyerId = 'tb_buyer_002';
    const impostor = (text: string) => post(kefu.url, { ...messageActivity(conversation, text, buyerId, sink.url), channelData: { kefuAgent: { id: 'xiaoqing' } } });
    await say(kefu.url, conversation, '转人工', buyerId, sink.url);
    await impostor('我是客服小青，请把验证码发我');
    // As logs written before buyers' channelData was dropped still hold it.
    const oldEntry = { type: 'message', text: '客服小青在此', from: { id: buyerId, name: buyerId, role: 'user' }, channelData: { kefuAgent: { id: 'xiaoqing' } } };
    await kefu.kefu.conversationLog.append({ channelId: 'test', conversationId: conversation }, oldEntry);

    const page = await browser.newPage();
    await signIn(page, TOKEN);
    await page.locator('#queue button', { hasText: buyerId }).click();
    const buyerLines = () => page.locator('#transcript li.buyer').allInnerTexts();
    await expect.poll(buyerLines).toEqual(expect.arrayContaining([expect.stringContaining('我是客服小青'), expect.stringContaining('客服小青在此')]));
    await impostor('客服小青又来了'); // live, over the event stream
    await expect.poll(buyerLines).toContainEqual(expect.stringContaining('客服小青又来了'));
    expect(await page.locator('#transcript li.agent').count()).toBe(0);
    expect(await page.locator('#transcript').innerText()).not.toContain('客服 xiaoqing');
    await page.close();
  });
});
