/**
 * Issue 13, finding 1: what once ended the process from outside. Kefu runs as its own process
 * (as `npm start` runs it) and must still be serving afterwards.
 */
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNLIMITED, messageActivity, post, say } from '../support/kefu.js';
import { startKefuProcess, type KefuProcess } from '../support/kefuProcess.js';
import { startOrderSystem, type OrderSystem } from '../support/orderSystem.js';

/** A channel's connector that answers every activity after `delayMs`, or breaks the connection then. */
async function channel(delayMs: number, outcome: 'answer' | 'fail') {
  const received: string[] = [];
  const app = express();
  app.use(express.json());
  app.post('/v3/conversations/:id/activities{/:replyTo}', (req, res) => {
    received.push(req.body.type);
    setTimeout(() => (outcome === 'answer' ? res.json({ id: 'ok' }) : res.socket?.destroy()), delayMs);
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    received,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

let kefu: KefuProcess;
let orders: OrderSystem;
beforeAll(async () => {
  orders = await startOrderSystem(1500);
  kefu = await startKefuProcess({ ...UNLIMITED, ORDER_API_URL: orders.url, ORDER_API_RETRIES: '0', ORDER_API_TIMEOUT_MS: '3000' });
});
afterAll(async () => {
  await kefu.stop();
  await orders.close();
});

describe('no request ends the process', () => {
  it('a slow turn whose typing goes to a failing channel after the turn ended', async () => {
    const answersSlowly = await channel(1000, 'answer');
    const failsLater = await channel(3000, 'fail');
    try {
      const first = post(kefu.url, { ...messageActivity('crash-1', '我的快递到哪了', 'tb_buyer_001', answersSlowly.url), deliveryMode: 'normal' });
      const second = post(kefu.url, messageActivity('crash-1', '我的快递到哪了', 'tb_buyer_001', failsLater.url));
      expect((await first).status).toBe(200);
      expect((await second).status).toBe(200);
      await new Promise((r) => setTimeout(r, 4000)); // past the failing channel's 3 s
      expect(kefu.alive()).toBe(true);
      // The typing of the normal turn went to its own channel; the expectReplies turn sent nothing anywhere.
      expect(answersSlowly.received).toContain('typing');
      expect(failsLater.received).toEqual([]);
      const [reply] = await say(kefu.url, 'crash-after', '你好');
      expect(reply?.text).toContain('欢迎光临');
    } finally {
      await Promise.all([answersSlowly.close(), failsLater.close()]);
    }
  }, 20_000);

  it('a burst of 2,000 messages shaped like the terminal chat', async () => {
    orders.delayMs = 0;
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < 2000) {
        const i = next++;
        const res = await post(kefu.url, { ...messageActivity(`burst-${i % 100}`, i % 3 ? '我的订单发货了吗' : '你好', `tb_buyer_00${(i % 3) + 1}`), channelId: 'terminal' });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 50 }, worker));
    expect(kefu.alive()).toBe(true);
    expect(statuses.get(200)).toBe(2000);
    expect((await fetch(`${kefu.url}/healthz`)).status).toBe(200);
  }, 60_000);

  it('logs the failures it survived, never the buyer text', () => {
    expect(kefu.logs.some((l) => l.msg === 'unhandled rejection (process keeps serving)')).toBe(false);
    expect(JSON.stringify(kefu.logs)).not.toContain('我的快递到哪了');
  });
});
