/**
 * Kefu as its own process, for tests that must see what happens to the process itself: that it
 * survives, how it stops on SIGTERM, that the compiled build serves. It runs the sources
 * (`bot/main.ts` through tsx, as `npm run dev`) unless given a compiled entry (run by node alone,
 * as `npm start` runs dist/bot/main.js): a dist/ left from an earlier build may be stale, so
 * only the test that builds one runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface KefuProcess {
  url: string;
  child: ChildProcess;
  /** JSON log lines written so far. */
  logs: Record<string, unknown>[];
  alive(): boolean;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function startKefuProcess(env: Record<string, string>, entry = 'bot/main.ts'): Promise<KefuProcess> {
  const args = entry.endsWith('.js') ? ['--enable-source-maps', entry] : ['--import', 'tsx', entry];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'kefu listening') resolve(entry.port as number);
      }
    });
    child.once('exit', (code) => reject(new Error(`kefu exited with ${code} before listening: ${stderr}`)));
    setTimeout(() => reject(new Error(`kefu did not start within 20 s: ${stderr}`)), 20_000).unref();
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    logs,
    alive,
    stop: async () => {
      if (!alive()) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
