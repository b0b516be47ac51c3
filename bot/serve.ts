import type { Server } from 'node:http';
import type { Kefu } from './app.js';
import type { Logger } from './logger.js';

export interface Serving {
  server: Server;
  port: number;
  /** Graceful stop: refuse new connections, let turns in flight finish (up to graceMs), close Redis. */
  stop(graceMs: number): Promise<void>;
}

export function serve(kefu: Kefu, port: number, host: string, logger: Logger): Promise<Serving> {
  return new Promise((resolve, reject) => {
    const server = kefu.app.listen(port, host);
    server.on('upgrade', kefu.upgrade);
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      logger.info({ port: actualPort, host }, 'kefu listening');
      resolve({
        server,
        port: actualPort,
        stop: async (graceMs) => {
          kefu.markShuttingDown();
          const closed = new Promise<void>((done) => server.close(() => done()));
          server.closeIdleConnections();
          const deadline = new Promise<void>((done) => setTimeout(done, graceMs).unref());
          await Promise.race([Promise.all([closed, kefu.bot.whenIdle()]), deadline]);
          server.closeAllConnections();
          await kefu.close(graceMs);
        },
      });
    });
  });
}
