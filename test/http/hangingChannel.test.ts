/**
 * Issue 13, finding 3: a channel whose connector never answers holds neither the turn, nor the
 * conversation, nor the shutdown; each failed turn is apologised for at most once.
 */
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity, post, startKefu, type RunningKefu } from '../support/kefu.js';

let hanging: { url: string; server: Server; calls: number };
beforeAll(async () => {
  const app = express();
  hanging = { url: '', server: undefined as unknown as Server, calls: 0 };
  app.use(() => void hanging.calls++); // never answers
  hanging.server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = hanging.server.address();
  hanging.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  hanging.server.closeAllConnections();
  await new Promise((resolve) => hanging.server.close(resolve));
});

const APOLOGY = '系统刚才开了个小差';
const timed = async <T>(work: () => Promise<T>) => {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
};

describe('a channel that never answers', () => {
  let kefu: RunningKefu;
  beforeAll(async () => {
    // In-process state: the wait limit must hold inside one process too, not only across Redis.
    kefu = await startKefu({ OUTBOUND_TIMEOUT_MS: '300', TURN_DEADLINE_MS: '2000', TURN_LOCK_WAIT_MS: '1500' });
  });

  it('fails the turn within the bounds, frees the conversation, apologises once per failed turn', async () => {
    const send = (text: string) => post(kefu.url, { ...messageActivity('hang-1', text, 'tb_buyer_001', hanging.url), deliveryMode: 'normal' });
    const [first, second] = await Promise.all([timed(() => send('你好')), timed(() => send('在吗'))]);
    expect(first.result.status).toBe(200);
    expect(second.result.status).toBe(200);
    expect(Math.max(first.ms, second.ms)).toBeLessThan(5000);
    expect(hanging.calls).toBeGreaterThan(0);
    const { activities } = await kefu.kefu.conversationLog.since({ channelId: 'test', conversationId: 'hang-1' }, 0);
    const apologies = activities.filter((a) => a.text?.includes(APOLOGY));
    expect(apologies.length).toBeLessThanOrEqual(2);
    // The same buyer, now on a channel that answers, is served at once.
    const { result, ms } = await timed(() => post(kefu.url, messageActivity('hang-1', '你好', 'tb_buyer_001')));
    expect(result.status).toBe(200);
    expect(ms).toBeLessThan(4000);
  });

  it('does not make shutdown wait the whole grace', async () => {
    void post(kefu.url, { ...messageActivity('hang-2', '你好', 'tb_buyer_001', hanging.url), deliveryMode: 'normal' }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    const { ms } = await timed(() => kefu.stop(20_000));
    expect(ms).toBeLessThan(10_000);
  });
});
