/**
 * npm run bench: how fast Kefu understands, decides and answers, written to docs/bench.md.
 *
 * - the recognizer on the held-out buyer messages;
 * - the policy functions an exchange turn runs;
 * - a whole turn over HTTP (POST /api/messages, expectReplies) with state in a throwaway Redis,
 *   one at a time and 20 conversations at once.
 *
 * Timings are wall-clock on this machine; compare runs on the same machine only.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { Bench, type Task } from 'tinybench';
import { loadDataset } from '../bot/nlu/dataset.js';
import { createRecognizer } from '../bot/nlu/index.js';
import { DEMO_ITEMS, demoTrades } from '../bot/orders/demo/fixtures.js';
import { toExchangeInput, toOrderFacts } from '../bot/orders/orderFacts.js';
import { loadKnowledge } from '../knowledge/loader.js';
import { KNOWLEDGE_DIR } from '../knowledge/paths.js';
import { runningDeadlines } from '../knowledge/policy/deadlines.js';
import { exchangeEligibility } from '../knowledge/policy/exchange.js';
import { say, startKefu } from '../test/support/kefu.js';
import { startRedisServer } from '../test/support/redisServer.js';

const OUT = 'docs/bench.md';
const now = new Date();

const [knowledge, recognizer, dataset] = await Promise.all([loadKnowledge(KNOWLEDGE_DIR), createRecognizer(), loadDataset()]);
const messages = dataset.test.map((e) => e.text);
const trade = demoTrades(now).find((t) => t.tid === '3289114476201230004')!;
const line = trade.orders[0]!;
const item = DEMO_ITEMS.find((i) => i.itemId === line.itemId)!;
const target = item.skus.find((s) => s.skuId !== line.skuId)!;

const redis = await startRedisServer();
const kefu = await startKefu({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'bench:', LOG_LEVEL: 'silent' });

let i = 0;
const bench = new Bench({ time: 2000, warmupTime: 300 });
bench
  .add('recognize one buyer message', () => {
    recognizer.recognize(messages[i++ % messages.length]!, now);
  })
  .add('exchange eligibility + running deadlines', () => {
    exchangeEligibility(knowledge, toExchangeInput(trade, line, item, target, { intact: true }), now);
    runningDeadlines(knowledge, toOrderFacts(trade), now);
  })
  .add('one turn over HTTP, state in Redis', async () => {
    await say(kefu.url, `bench-${i++ % 50}`, '我的订单发货了吗', 'tb_buyer_001');
  });
await bench.run();

/** 400 turns from 20 conversations at once: throughput and latency under load. */
async function concurrentTurns(conversations: number, turnsEach: number) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, c) => {
      const id = `load-${randomUUID()}`;
      for (let t = 0; t < turnsEach; t++) {
        const at = performance.now();
        await say(kefu.url, id, t % 2 ? '衣服小了换个L' : '怎么还不发货', `tb_buyer_00${(c % 3) + 1}`);
        latencies.push(performance.now() - at);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return { turns: latencies.length, perSecond: latencies.length / seconds, p50: pct(50), p99: pct(99) };
}
const load = await concurrentTurns(20, 20);

await kefu.stop(1000);
await redis.stop();

const ms = (n: number) => (n < 0.1 ? n.toFixed(4) : n < 10 ? n.toFixed(2) : n.toFixed(1));
const row = (task: Task) => {
  const r = task.result;
  if (r.state !== 'completed') return `| ${task.name} | ${r.state} | | | |`;
  return `| ${task.name} | ${Math.round(r.throughput.mean).toLocaleString('en')} | ${ms(r.latency.mean)} | ${ms(r.latency.p50)} | ${ms(r.latency.p99)} |`;
};
const report = `# Benchmarks

\`npm run bench\` (scripts/bench.ts), ${now.toISOString().slice(0, 10)}, Node ${process.version},
${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB. Wall-clock timings: compare
runs on one machine only. Redis is a throwaway local redis-server; orders are the embedded demo.

| what | ops/s | mean ms | p50 ms | p99 ms |
| --- | ---: | ---: | ---: | ---: |
${bench.tasks.map(row).join('\n')}

Under load: ${load.turns} turns from 20 conversations at once (exchange and shipping questions,
state in Redis): **${Math.round(load.perSecond)} turns/s**, p50 ${ms(load.p50)} ms, p99 ${ms(load.p99)} ms.

What dominates a turn is the pipeline around the decision (HTTP, the turn lock, loading and
saving state in Redis, the conversation log): understanding a message and deciding take
microseconds.
`;
await writeFile(OUT, report);
console.log(report);
