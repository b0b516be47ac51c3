/**
 * npm run bench:soak: Kefu (state in a throwaway redis-server, as in production) under a moderate,
 * steady load for a long while, its memory sampled from the outside; written to the soak section
 * of docs/bench.md.
 *
 * The load: SOAK_RATE turns/s (100) over SOAK_CONNECTIONS connections (10), conversations coming
 * and going (each lasts 10 turns, then a new one starts), the buyer messages of the benchmark.
 * Every SOAK_SAMPLE_SECONDS (10) the process's RSS (/proc) and heap in use (its /metrics) are
 * sampled, for SOAK_SECONDS (600) after a SOAK_WARMUP_SECONDS (10) warm-up.
 *
 * Flat means: the least-squares trend of RSS over the second half of the run, extrapolated over
 * that half, is under 2% of the mean RSS there. A leak shows as a steady climb; start-up growth
 * (JIT, caches filling) is in the first half and does not count.
 */
import { ChurningConversations, runLoad, summarize } from './bench/load.js';
import { int, machine, mb, ms, one, table, writeSoakSection, DOC } from './bench/report.js';
import { errorLines, kefuMemory, logLines, KEFU_ENTRY, rssBytes, startKefuServer } from './bench/servers.js';
import { startChannelSink } from '../test/support/channelSink.js';
import { startRedisServer } from '../test/support/redisServer.js';

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got ${raw})`);
  return value;
}
const SECONDS = setting('SOAK_SECONDS', 600);
const RATE = setting('SOAK_RATE', 100);
const CONNECTIONS = Math.round(setting('SOAK_CONNECTIONS', 10));
const SAMPLE_SECONDS = setting('SOAK_SAMPLE_SECONDS', 10);
const WARMUP = setting('SOAK_WARMUP_SECONDS', 10);
const TURNS_EACH = 10;
/** Growth over the second half, as a share of its mean RSS, under which RSS counts as flat. */
const FLAT_SHARE = 0.02;

interface Sample {
  t: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

const started = new Date();
const machineLine = machine();
const log = (line: string) => console.log(`[soak ${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const channel = await startChannelSink();
const redisServer = await startRedisServer();
const kefu = await startKefuServer('kefu-soak', { REDIS_URL: redisServer.url });
const samples: Sample[] = [];
try {
  const conversations = new ChurningConversations(channel.url, 'soak', TURNS_EACH);
  log(`warm-up ${WARMUP} s at ${RATE} turns/s`);
  await runLoad({ url: kefu.url, connections: CONNECTIONS, seconds: WARMUP, overallRate: RATE, conversations });
  log(`soak ${SECONDS} s at ${RATE} turns/s, sampling every ${SAMPLE_SECONDS} s`);
  const t0 = performance.now();
  const running = runLoad({ url: kefu.url, connections: CONNECTIONS, seconds: SECONDS, overallRate: RATE, conversations });
  const sample = async () => {
    const t = (performance.now() - t0) / 1000;
    const metrics = await kefuMemory(kefu.url);
    const s = { t, rss: rssBytes(kefu.pid) ?? metrics.rss, heapUsed: metrics.heapUsed, heapTotal: metrics.heapTotal };
    samples.push(s);
    log(`t=${one(t)} s RSS ${mb(s.rss)}, heap used ${mb(s.heapUsed)} of ${mb(s.heapTotal)}`);
  };
  await sample();
  for (let k = 1; k * SAMPLE_SECONDS <= SECONDS; k++) {
    const due = t0 + k * SAMPLE_SECONDS * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    await sample();
  }
  const load = await running;
  const conversationsStarted = conversations.started;
  const errors = errorLines(logLines(kefu.logFile));

  // ── verdict ──
  const half = samples.filter((s) => s.t >= SECONDS / 2);
  const halfSeconds = half.at(-1)!.t - half[0]!.t;
  const trend = (pick: (s: Sample) => number) => {
    const perSecond = slope(half.map((s) => ({ x: s.t, y: pick(s) })));
    const meanValue = half.reduce((sum, s) => sum + pick(s), 0) / half.length;
    return { perMinute: perSecond * 60, overHalf: perSecond * halfSeconds, share: (perSecond * halfSeconds) / meanValue };
  };
  const rssTrend = trend((s) => s.rss);
  const heapTrend = trend((s) => s.heapUsed);
  const flat = rssTrend.share < FLAT_SHARE;
  const signed = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${(Math.abs(bytes) / 2 ** 20).toFixed(1)} MB`;
  const duration = SECONDS % 60 === 0 ? `${SECONDS / 60}-minute` : `${SECONDS}-second`;
  const share = (x: number) => `${x >= 0 ? '+' : '−'}${one(Math.abs(x) * 100)}%`;
  const verdictText = `${flat ? 'flat' : 'not flat'}: RSS trend ${signed(rssTrend.overHalf)} over the second half (${share(rssTrend.share)} of its mean), ${duration} run`;
  const stats = (pick: (s: Sample) => number) => {
    const values = samples.map(pick);
    return [mb(values[0]!), mb(values.at(-1)!), mb(Math.max(...values))];
  };
  const s = summarize(load);
  // What the heap keeps after collections: the lowest sample of each minute (a leak raises it).
  const floors = Array.from({ length: Math.ceil(SECONDS / 60) }, (_, m) => samples.filter((x) => x.t >= m * 60 && x.t < (m + 1) * 60).map((x) => x.heapUsed))
    .filter((xs) => xs.length > 0)
    .map((xs) => Math.min(...xs));
  const shown = samples.length <= 16 ? samples : samples.filter((x, i) => i === samples.length - 1 || Math.round(x.t) % 60 < SAMPLE_SECONDS);

  const section = `<!-- verdict: ${verdictText} -->
Run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, **a ${duration} run** (SOAK_SECONDS=${SECONDS}${SECONDS < 600 ? '; the default is 600' : ''}), on the machine of the
benchmark (${machineLine}). Kefu (\`${KEFU_ENTRY}\`, state in a throwaway redis-server, \`LOG_LEVEL=info\`
to a file, rate limits lifted) under ${int(RATE)} turns/s from ${CONNECTIONS} connections after a ${WARMUP} s warm-up; conversations
come and go (${TURNS_EACH} turns each, then a new id): ${int(conversationsStarted)} conversations, ${int(load.turns)} turns answered
(${one(load.turns / load.seconds)}/s), p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms, ${load.non2xx + load.errors + load.timeouts} failed, ${int(errors.length)} errors logged, ${channel.received.length} activities sent to the channel outside replies (handoff notices).

${table(
  ['', 'start', 'end', 'max', 'trend over the second half'],
  [
    ['RSS (/proc)', ...stats((x) => x.rss), `${signed(rssTrend.perMinute)}/min, ${signed(rssTrend.overHalf)} in all (${share(rssTrend.share)})`],
    ['heap used (/metrics)', ...stats((x) => x.heapUsed), `${signed(heapTrend.perMinute)}/min, ${signed(heapTrend.overHalf)} in all (${share(heapTrend.share)})`],
  ],
)}

**RSS ${flat ? 'is flat' : 'is not flat'}** by this page's rule: the least-squares trend of RSS over the second half, extrapolated over
that half, is ${flat ? 'under' : 'not under'} ${FLAT_SHARE * 100}% of the mean RSS there. The heap in use is a sawtooth (garbage collections), so
its trend says little; what it keeps after collections, the lowest sample of each minute, went ${floors.map((x) => mb(x)).join(' → ')}:
a leak raises that floor, while a heap that V8 merely sizes up for the allocation rate raises heap total and RSS
with a level floor.${SECONDS < 600 ? ` A ${duration} run only catches a fast leak, and a few GC cycles decide its trend; \`npm run bench:soak\` with the default 600 s is the real check.` : ''}

Samples (every ${SAMPLE_SECONDS} s${shown.length < samples.length ? '; shown: one a minute' : ''}):

${table(
  ['t (s)', 'RSS', 'heap used', 'heap total'],
  shown.map((x) => [int(x.t), mb(x.rss), mb(x.heapUsed), mb(x.heapTotal)]),
)}`;
  await writeSoakSection(section);
  log(`${verdictText}; written to ${DOC}`);
} finally {
  await kefu.stop();
  await redisServer.stop();
  await channel.close();
}
