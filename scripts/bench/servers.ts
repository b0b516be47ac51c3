/**
 * The bots under test, each in a process of its own (as in production, and so that the load
 * generator's work never lands on their event loop): Kefu as `npm start` runs it, and the bare
 * echo bot. Their logs go to a file; what they use is read from the outside (/proc, /metrics).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test/support/redisServer.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Kefu's own limits would refuse a load generator at once; lifted for the benchmark. */
export const RATE_LIMITS_LIFTED = {
  RATE_LIMIT_ADDRESS_REQUESTS_PER_MINUTE: '1000000000',
  RATE_LIMIT_BUYER_MESSAGES_PER_MINUTE: '1000000000',
  RATE_LIMIT_BUYER_CONVERSATIONS_PER_HOUR: '1000000000',
};

/**
 * Which Kefu to start: the compiled `dist/bot/main.js` as `npm start` runs it (`npm run bench`
 * builds it first) unless BENCH_KEFU_ENTRY names another entry, e.g. `bot/main.ts` (through tsx).
 */
export const KEFU_ENTRY = process.env.BENCH_KEFU_ENTRY ?? 'dist/bot/main.js';

export interface BenchServer {
  name: string;
  url: string;
  pid: number;
  /** Where its stdout and stderr went. */
  logFile: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

function nodeArgs(entry: string): string[] {
  return entry.endsWith('.js') ? [entry] : ['--import', 'tsx', entry];
}

async function startProcess(name: string, entry: string, env: Record<string, string>, readyPath: string): Promise<BenchServer> {
  const port = await freePort();
  const logFile = join(os.tmpdir(), `kefu-bench-${name}-${process.pid}.log`);
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, nodeArgs(entry), {
    cwd: ROOT,
    // A clean environment: nothing of the caller's (REDIS_URL, ORDER_API_URL…) leaks in.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before it was ready; its log: ${logFile}\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
    const ok = await fetch(url + readyPath).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${name} not ready within 120 s; its log: ${logFile}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name,
    url,
    pid: child.pid!,
    logFile,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export function startEchoBot(): Promise<BenchServer> {
  return startProcess('echo', 'scripts/bench/echoBot.ts', {}, '/healthz');
}

/** Kefu with the given environment (REDIS_URL or not), rate limits lifted, logging at info as in production. */
export function startKefuServer(name: string, env: Record<string, string> = {}): Promise<BenchServer> {
  return startProcess(name, KEFU_ENTRY, { LOG_LEVEL: 'info', ...RATE_LIMITS_LIFTED, ...env }, '/readyz');
}

/** Resident set size of a process, from /proc (Linux). */
export function rssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** A process's log, line by line (empty when it cannot be read). */
export function logLines(logFile: string): string[] {
  try {
    return readFileSync(logFile, 'utf8').split('\n').filter((line) => line.length > 0);
  } catch {
    return [];
  }
}

function parsed(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Lines at level error or worse (pino: 50+), or plain lines that say error (the echo bot). */
export function errorLines(lines: string[]): string[] {
  return lines.filter((line) => {
    const entry = parsed(line);
    return entry ? ((entry.level as number | undefined) ?? 0) >= 50 : /error|fail/i.test(line);
  });
}

/** The latencyMs of Kefu's one line per turn: the turn itself, from taking its lock to saving its state. */
export function turnLatencies(lines: string[]): number[] {
  return lines.flatMap((line) => {
    const entry = parsed(line);
    return entry?.msg === 'turn' && typeof entry.latencyMs === 'number' ? [entry.latencyMs] : [];
  });
}

/** Kefu's RSS and heap as its own /metrics reports them (prom-client's default metrics). */
export async function kefuMemory(url: string): Promise<{ rss: number; heapUsed: number; heapTotal: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => {
    const match = new RegExp(`^kefu_${name} (\\S+)$`, 'm').exec(text);
    if (!match) throw new Error(`/metrics has no kefu_${name}`);
    return Number(match[1]);
  };
  return { rss: value('process_resident_memory_bytes'), heapUsed: value('nodejs_heap_size_used_bytes'), heapTotal: value('nodejs_heap_size_total_bytes') };
}
