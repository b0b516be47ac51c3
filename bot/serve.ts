import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { Kefu } from './app.js';
import type { Logger } from './logger.js';

export interface Serving {
  server: Server;
  port: number;
  /**
   * Graceful stop: stop accepting connections, answer every request that reached us (turns in
   * flight finish), close each kept-alive connection after its last answer, then close Redis.
   * Whatever is still open after graceMs is cut.
   */
  stop(graceMs: number): Promise<void>;
}

/** How long kept-alive connections may stay idle once a stop began. */
const IDLE_DRAIN_MS = 1000;

export function serve(kefu: Kefu, port: number, host: string, logger: Logger): Promise<Serving> {
  return new Promise((resolve, reject) => {
    const server = kefu.app.listen(port, host);
    server.on('upgrade', kefu.upgrade);
    let stopping = false;
    // From the stop on, every answer closes its connection, so no client sends another request on
    // it; before any route can answer, hence prepended.
    server.prependListener('request', (_req, res) => {
      if (stopping) res.setHeader('connection', 'close');
    });
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      logger.info({ port: actualPort, host }, 'kefu listening');
      resolve({
        server,
        port: actualPort,
        stop: async (graceMs) => {
          stopping = true;
          kefu.markShuttingDown();
          // http.Server#close would also drop idle kept-alive connections at once, and a request
          // already on its way over one would be reset unanswered. net.Server#close only stops
          // accepting: such a request is answered (with Connection: close). Connections still idle
          // after a short drain had no request since the stop; they are closed then.
          const closed = new Promise<void>((done) => NetServer.prototype.close.call(server, () => done()));
          const drain = setTimeout(() => server.closeIdleConnections(), Math.min(IDLE_DRAIN_MS, graceMs));
          const deadline = new Promise<void>((done) => setTimeout(done, graceMs).unref());
          await Promise.race([Promise.all([closed, kefu.bot.whenIdle()]), deadline]);
          clearTimeout(drain);
          server.closeAllConnections();
          await kefu.close(graceMs);
        },
      });
    });
  });
}
