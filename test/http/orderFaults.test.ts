/**
 * Fault injection: Kefu's order system (ORDER_API_URL) is a local server that, per test, hangs,
 * fails, answers garbage or answers far too much. Whatever it does, the buyer gets one polite
 * reply that the order could not be looked up, with the offer of a person, before the turn
 * deadline; Kefu goes on serving the next buyer; and nothing the order system sent swells the
 * conversation's state, its log or the order cache in Redis.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Activity } from 'botbuilder';
import type { Request, Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTrades } from '../../bot/orders/demo/fixtures.js';
import { unescapeText } from '../../templates/escape.js';
import { messageActivity, post, say, startKefu, type RunningKefu } from '../support/kefu.js';
import { startOrderSystem, type OrderSystem } from '../support/orderSystem.js';
import { testRedis } from '../support/redis.js';

const TURN_DEADLINE_MS = 10_000;
/** What one conversation (state, log) and the order cache may take in Redis after a turn. */
const STORED_BYTES_LIMIT = 32 * 1024;

const { redis, prefix, url } = testRedis();
const trade = demoTrades(new Date()).find((t) => t.buyerId === 'tb_buyer_001' && t.status === 'WAIT_BUYER_CONFIRM_GOODS')!;
const tradeList = (trades: unknown[]) => JSON.stringify({ trades });
const slug = (words: string) => words.replace(/\W+/g, '-');

let orderSystem: OrderSystem;
let kefu: RunningKefu;
/** How the order system answers every request in the current test; undefined: the demo orders. */
const setFault = (fault: OrderSystem['fault']) => (orderSystem.fault = fault);

beforeAll(async () => {
  orderSystem = await startOrderSystem();
  kefu = await startKefu({
    REDIS_URL: url,
    REDIS_KEY_PREFIX: prefix,
    ORDER_API_URL: orderSystem.url,
    // Generous per attempt: three attempts of a hanging system would outlast the turn deadline.
    ORDER_API_TIMEOUT_MS: '4000',
    ORDER_API_RETRIES: '2',
    TURN_DEADLINE_MS: String(TURN_DEADLINE_MS),
  });
});
afterAll(async () => {
  await kefu.stop(500);
  await orderSystem.close();
  await redis.quit();
});

/** The buyer asks for an exchange, which needs their orders; the messages they get back. */
async function askForExchange(conversationId: string): Promise<{ messages: Partial<Activity>[]; elapsedMs: number }> {
  const started = Date.now();
  const replies = await say(kefu.url, conversationId, '我要换货', 'tb_buyer_001');
  return { messages: replies.filter((r) => r.type === 'message'), elapsedMs: Date.now() - started };
}

/** One message: the order could not be looked up, ask later or take the "转人工" button. */
function expectOrderApology(messages: Partial<Activity>[]): void {
  expect(messages).toHaveLength(1);
  const [reply] = messages;
  expect(unescapeText(reply!.text ?? '')).toContain('暂时查不到订单信息');
  expect(reply!.suggestedActions?.actions.map((a) => a.title)).toContain('转人工');
}

/** Bytes in Redis of the conversation's keys (state, log, lock) and of every cached order response. */
async function storedBytes(conversationId: string): Promise<number> {
  const keys = [...(await redis.keys(`${prefix}*${conversationId}*`)), ...(await redis.keys(`${prefix}orders:*`))];
  expect(keys.length).toBeGreaterThan(0);
  const sizes = await Promise.all(keys.map((key) => redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0') as Promise<number | null>));
  return sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0);
}

/** With the order system healthy again, another buyer's exchange finds their only order. */
async function expectNextBuyerServed(conversationId: string): Promise<void> {
  setFault(undefined);
  const replies = await say(kefu.url, `${conversationId}-next`, '我要换货', 'tb_buyer_003');
  expect(replies.map((r) => unescapeText(r.text ?? '')).join('\n')).toContain('轻跑透气运动鞋');
}

/**
 * The buyer of conversation `id` asks while the order system misbehaves: what they must get, what
 * Redis must show, and that the next buyer is served once it behaves. Resolves how long they waited.
 */
async function expectFaultHandled(id: string): Promise<number> {
  const { messages, elapsedMs } = await askForExchange(id);
  expectOrderApology(messages);
  expect(await storedBytes(id)).toBeLessThan(STORED_BYTES_LIMIT);
  await expectNextBuyerServed(id);
  return elapsedMs;
}

/** Answers `chunks` as one 200 JSON body, streamed; resolves whether the whole body went out. */
function streamBody(res: Response, chunks: () => Iterable<string>, contentLength?: number): Promise<boolean> {
  res.writeHead(200, { 'content-type': 'application/json', ...(contentLength && { 'content-length': String(contentLength) }) });
  return pipeline(Readable.from(chunks()), res).then(
    () => true,
    () => false,
  );
}

describe('the order system fails', () => {
  it.each([
    ['never answers', () => undefined],
    [
      'answers, then trickles the body forever',
      (_: Request, res: Response) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const trickle = setInterval(() => res.write(' '), 100);
        res.on('close', () => clearInterval(trickle));
      },
    ],
  ])('%s: the buyer hears within the turn deadline that the order cannot be looked up', async (what, answer) => {
    setFault(answer);
    expect(await expectFaultHandled(`faults-hang-${slug(what)}`)).toBeLessThan(TURN_DEADLINE_MS);
  });

  it.each([
    ['answers 500', (_: Request, res: Response) => void res.status(500).send('Internal Server Error')],
    ['drops the connection', (req: Request) => void req.socket.destroy()],
  ])('%s: the buyer gets the apology and the offer of a person', async (what, answer) => {
    setFault(answer);
    await expectFaultHandled(`faults-${slug(what)}`);
  });
});

describe('the order system answers garbage', () => {
  it.each([
    ['an HTML page', (res: Response) => void res.type('html').send('<html><body><h1>502 Bad Gateway</h1></body></html>')],
    ['truncated JSON', (res: Response) => void res.type('json').send(tradeList([trade]).slice(0, 300))],
    ['an empty body', (res: Response) => void res.type('json').send('')],
    ['JSON of the wrong shape', (res: Response) => void res.json({ data: { trades: 'none' } })],
    ['a trade of the wrong shape', (res: Response) => void res.json({ trades: [{ ...trade, status: 'SHIPPED_MAYBE', orders: 'T恤' }] })],
    ['trades under a non-JSON content type', (res: Response) => void res.type('text/plain').send(tradeList([trade]))],
  ])('%s: the buyer gets the apology and the offer of a person', async (what, answer) => {
    setFault((_, res) => answer(res));
    await expectFaultHandled(`faults-garbage-${slug(what)}`);
  });
});

describe('the order system answers far too much', () => {
  const tradeJson = JSON.stringify(trade);
  const tradesInBody = Math.ceil((40 * 1024 * 1024) / tradeJson.length); // about 40 MB of valid trades
  const hugeTradeList = function* () {
    yield '{"trades":[';
    const batch = Array.from({ length: 50 }, () => tradeJson).join(',');
    for (let sent = 0; sent < tradesInBody; sent += 50) yield `${sent ? ',' : ''}${batch}`;
    yield ']}';
  };
  const hugeLength = () => [...hugeTradeList()].reduce((n, chunk) => n + Buffer.byteLength(chunk), 0);

  it.each([
    ['declared in Content-Length', true],
    ['streamed without a length', false],
  ])('40 MB of trades, %s: Kefu stops reading, apologises and stores nothing of it', async (what, declared) => {
    let delivered: Promise<boolean> | undefined;
    const length = declared ? hugeLength() : undefined;
    setFault((_, res) => {
      delivered = streamBody(res, hugeTradeList, length);
    });
    await expectFaultHandled(`faults-huge-${slug(what)}`);
    expect(await delivered, 'the order system sent the whole body').toBe(false);
  });

  it('a return question on a shop page while the order system answers 500: nothing is guessed', async () => {
    setFault((_, res) => void res.status(500).send('Internal Server Error'));
    const replies = await post(kefu.url, { ...messageActivity('faults-return-terms', '这个能七天无理由吗', 'tb_buyer_003'), channelData: { itemId: 'item_mug' } });
    const text = ((await replies.json()) as { activities: Partial<Activity>[] }).activities.map((a) => unescapeText(a.text ?? '')).join('\n');
    // Neither whether it was bought nor whether it is made to order can be read: a person is asked.
    expect(text).toContain('我帮您问一下');
    expect(text).not.toContain('支持七天无理由');
    setFault(undefined);
  });

  it('a delivery question on a shop page while the order system answers 500: about the orders, not the item', async () => {
    setFault((_, res) => void res.status(500).send('Internal Server Error'));
    const replies = await post(kefu.url, { ...messageActivity('faults-delivery', '我的快递怎么还没到？', 'tb_buyer_003'), channelData: { itemId: 'item_mug' } });
    const text = ((await replies.json()) as { activities: Partial<Activity>[] }).activities.map((a) => unescapeText(a.text ?? '')).join('\n');
    // Whether the buyer has orders cannot be read: not taken as "none" (a pre-sales answer about the mug), but said.
    expect(text).toContain('暂时查不到订单信息');
    expect(text).not.toContain('马克杯');
    setFault(undefined);
  });

  it.each([
    ['20 million characters (refused for the size of the body)', 'x'.repeat(20_000_000)],
    ['100,000 characters in a small body (refused by the contract)', '好'.repeat(100_000)],
  ])('a trade with a title of %s never reaches the conversation', async (what, title) => {
    const body = tradeList([{ ...trade, orders: [{ ...trade.orders[0]!, title }] }]);
    setFault((_, res) => void res.type('json').send(body));
    await expectFaultHandled(`faults-title-${slug(what).slice(0, 20)}`);
  });
});
