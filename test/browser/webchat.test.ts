/**
 * The shop window in headless Chromium: a buyer signs in (demo), asks for an exchange, clicks
 * through and sees the decision; reloads and continues; gets an agent's reply live while handed
 * off; and a tampered buyer token is refused. Saves the README's screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startKefu, type RunningKefu } from '../support/kefu.js';
import { at } from '../support/knowledge.js';
import { testRedis } from '../support/redis.js';

const AGENT = 'webchat-agent-token-0123';
const { redis, prefix, url } = testRedis();
let kefu: RunningKefu;
let browser: Browser;

beforeAll(async () => {
  const now = at('2026-11-23 10:00');
  kefu = await startKefu({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix, AGENT_TOKENS: `mei:agent:${AGENT}`, WEBCHAT_SECRET: 'webchat-secret-for-tests' }, { clock: () => now });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await kefu?.stop(500);
  await redis.quit();
});

/** Everything the chat window shows (messages and buttons). */
const lastBotText = (page: Page) => page.locator('#webchat').innerText();

async function send(page: Page, text: string) {
  const box = page.locator('#webchat input[type="text"], #webchat textarea').first();
  await box.fill(text);
  await box.press('Enter');
}

async function click(page: Page, label: string) {
  await page.locator('#webchat button', { hasText: label }).first().click();
}

async function agentApi(method: string, path: string, body?: unknown) {
  const res = await fetch(`${kefu.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${AGENT}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await res.json()) as Record<string, unknown>;
}

describe('web chat page', () => {
  it('exchange through the buttons, reload and continue, an agent reply arrives live', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${kefu.url}/`);
    await page.getByRole('button', { name: 'tb_buyer_001' }).click();
    await expect.poll(() => lastBotText(page), { timeout: 15_000 }).toContain('欢迎光临');

    await send(page, '我想换货');
    await expect.poll(() => lastBotText(page)).toContain('哪一笔订单');
    // The picker shows a card per order: title, SKU, status, date and order number.
    const cards = page.locator('#webchat .ac-adaptiveCard');
    await expect.poll(() => cards.count()).toBeGreaterThan(1);
    expect(await lastBotText(page)).toContain('订单号 3289114476201230004');
    expect(await lastBotText(page)).toContain('白色 / M');
    await click(page, '小满纯棉圆领T恤 · 已发货');
    await expect.poll(() => lastBotText(page)).toContain('可以换成下面这些');
    await click(page, '白色 / L');
    await click(page, '吊牌包装都在');
    await expect.poll(() => lastBotText(page)).toContain('可以换成「白色 / L」');
    await expect.poll(() => lastBotText(page)).not.toContain('正在连接');
    await page.screenshot({ path: 'docs/webchat-desktop.png' });

    await page.reload();
    await expect.poll(() => lastBotText(page), { timeout: 15_000 }).toContain('可以换成「白色 / L」');
    await send(page, '谢谢');
    await expect.poll(() => lastBotText(page)).toContain('不客气');

    await send(page, '转人工');
    await expect.poll(() => lastBotText(page)).toContain('人工客服');
    const { cases } = (await agentApi('GET', '/api/agent/queue')) as { cases: { id: string }[] };
    await agentApi('POST', `/api/agent/cases/${cases[0]!.id}/claim`);
    await agentApi('POST', `/api/agent/cases/${cases[0]!.id}/messages`, { text: '亲，L码给您留好了' });
    await expect.poll(() => lastBotText(page)).toContain('亲，L码给您留好了');
  }, 60_000);

  it('reconnects after a server restart and keeps the conversation', async () => {
    const env = { REDIS_URL: url, REDIS_KEY_PREFIX: prefix, WEBCHAT_SECRET: 'webchat-secret-for-tests' };
    const first = await startKefu(env);
    const port = String(first.port);
    const page = await browser.newPage();
    await page.goto(`${first.url}/`);
    await page.getByRole('button', { name: 'tb_buyer_003' }).click();
    await expect.poll(() => lastBotText(page), { timeout: 15_000 }).toContain('欢迎光临');
    await send(page, '谢谢');
    await expect.poll(() => lastBotText(page)).toContain('不客气');

    await first.stop(200);
    const second = await startKefu({ ...env, PORT: port });
    try {
      // Web Chat's client resumes the conversation on its own (its retry comes after ~10 s).
      await send(page, '我要开发票');
      await expect.poll(() => lastBotText(page), { timeout: 30_000 }).toContain('电子普通发票');
      expect(await lastBotText(page)).toContain('不客气');
    } finally {
      await second.stop(200);
    }
  }, 60_000);

  it('fits a phone screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${kefu.url}/`);
    await page.getByRole('button', { name: 'tb_buyer_002' }).click();
    await expect.poll(() => lastBotText(page), { timeout: 15_000 }).toContain('欢迎光临');
    await send(page, '我要退款');
    await expect.poll(() => lastBotText(page)).toContain('哪一笔订单');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expect.poll(() => lastBotText(page)).not.toContain('正在连接');
    await page.screenshot({ path: 'docs/webchat-phone.png' });
  });

  it('works from the keyboard alone', async () => {
    const page = await browser.newPage();
    await page.goto(`${kefu.url}/`);
    // Tab to the first demo buyer and press Enter; the chat's input then has the focus.
    await page.getByRole('button', { name: 'tb_buyer_001' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('tb_buyer_001');
    await page.keyboard.press('Enter');
    await expect.poll(() => lastBotText(page), { timeout: 15_000 }).toContain('欢迎光临');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await page.keyboard.type('谢谢');
    await page.keyboard.press('Enter');
    await expect.poll(() => lastBotText(page)).toContain('不客气');
    expect(await page.getByRole('region', { name: '与客服小满的聊天窗口' }).count()).toBe(1);
  });

  it('embeds in a shop page as a widget', async () => {
    const { token } = (await (await fetch(`${kefu.url}/webchat/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ buyerId: 'tb_buyer_002' }) })).json()) as { token: string };
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html><body><h1>小满生活旗舰店</h1><script src="${kefu.url}/widget.js" data-buyer-token="${token}"></script></body></html>`);
    const open = page.getByRole('button', { name: '联系客服' });
    await open.click();
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    const chat = page.frameLocator('iframe[title="在线客服"]');
    await expect.poll(() => chat.locator('#webchat').innerText(), { timeout: 15_000 }).toContain('欢迎光临');
    expect(await chat.locator('#buyer').innerText()).toContain('tb_buyer_002');
  });

  it('knows the item of the shop page the widget sits on, and shows its card', async () => {
    const { token } = (await (await fetch(`${kefu.url}/webchat/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ buyerId: 'tb_buyer_003' }) })).json()) as { token: string };
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html><body><h1>纯棉圆领T恤</h1><script src="${kefu.url}/widget.js" data-buyer-token="${token}" data-item-id="item_tee"></script></body></html>`);
    await page.getByRole('button', { name: '联系客服' }).click();
    const chat = page.frameLocator('iframe[title="在线客服"]');
    await expect.poll(() => chat.locator('#webchat').innerText(), { timeout: 15_000 }).toContain('欢迎光临');
    const box = chat.locator('#webchat input[type="text"], #webchat textarea').first();
    await box.fill('纯棉的吗');
    await box.press('Enter');
    await expect.poll(() => chat.locator('#webchat').innerText()).toContain('纯棉圆领T恤的材质');
    // The product card: the order system's title and price.
    expect(await chat.locator('#webchat').innerText()).toContain('¥199.00');
  });

  it('refuses a tampered buyer token', async () => {
    const { token } = (await (await fetch(`${kefu.url}/webchat/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ buyerId: 'tb_buyer_001' }) })).json()) as { token: string };
    const [body, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as { buyerId: string };
    const forged = `${Buffer.from(JSON.stringify({ ...claims, buyerId: 'tb_buyer_002' })).toString('base64url')}.${signature}`;
    const page = await browser.newPage();
    await page.goto(`${kefu.url}/#token=${forged}`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('身份校验失败');
    expect(await page.locator('#webchat').isVisible()).toBe(false);
  });
});
