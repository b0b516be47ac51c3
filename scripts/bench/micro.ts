/**
 * Micro-benchmarks in the benchmark's own process: the recognizer (trained at start-up, see
 * docs/nlu.md) on the held-out buyer messages, and the policy functions an exchange turn runs.
 */
import { Bench } from 'tinybench';
import { loadDataset } from '../../bot/nlu/dataset.js';
import { createRecognizer } from '../../bot/nlu/index.js';
import { DEMO_ITEMS, demoTrades } from '../../bot/orders/demo/fixtures.js';
import { toExchangeInput, toOrderFacts } from '../../bot/orders/orderFacts.js';
import { loadKnowledge } from '../../knowledge/loader.js';
import { KNOWLEDGE_DIR } from '../../knowledge/paths.js';
import { runningDeadlines } from '../../knowledge/policy/deadlines.js';
import { exchangeEligibility } from '../../knowledge/policy/exchange.js';

export interface MicroRow {
  name: string;
  opsPerSecond: number;
  mean: number;
  p50: number;
  p99: number;
}

export async function microBenchmarks(seconds = 1): Promise<{ seconds: number; rows: MicroRow[] }> {
  const now = new Date();
  const trainingStarted = performance.now();
  const recognizer = await createRecognizer();
  const trainingMs = performance.now() - trainingStarted;
  const [knowledge, dataset] = await Promise.all([loadKnowledge(KNOWLEDGE_DIR), loadDataset()]);
  const messages = dataset.test.map((e) => e.text);
  const trade = demoTrades(now).find((t) => t.tid === '3289114476201230004')!;
  const line = trade.orders[0]!;
  const item = DEMO_ITEMS.find((i) => i.itemId === line.itemId)!;
  const target = item.skus.find((s) => s.skuId !== line.skuId)!;

  let i = 0;
  const bench = new Bench({ time: seconds * 1000, warmupTime: 200 });
  bench
    .add(`recognize one buyer message (${messages.length} held-out messages in turn)`, () => {
      recognizer.recognize(messages[i++ % messages.length]!, now);
    })
    .add('exchange eligibility + running deadlines', () => {
      exchangeEligibility(knowledge, toExchangeInput(trade, line, item, target, { intact: true }), now);
      runningDeadlines(knowledge, toOrderFacts(trade), now);
    });
  await bench.run();
  const rows = bench.tasks.map((task): MicroRow => {
    const r = task.result;
    if (r.state !== 'completed') return { name: `${task.name} (${r.state})`, opsPerSecond: NaN, mean: NaN, p50: NaN, p99: NaN };
    return { name: task.name, opsPerSecond: r.throughput.mean, mean: r.latency.mean, p50: r.latency.p50 ?? NaN, p99: r.latency.p99 ?? NaN };
  });
  rows.push({ name: 'recognizer start-up: train, or load the cached model (once per process)', opsPerSecond: NaN, mean: trainingMs, p50: NaN, p99: NaN });
  return { seconds, rows };
}
