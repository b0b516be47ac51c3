/** `npm start`: validate the configuration and knowledge, then serve until SIGTERM/SIGINT. */
import { createKefu } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { serve } from './serve.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL);
  let kefu;
  try {
    kefu = await createKefu(config, logger);
  } catch (err) {
    logger.fatal({ err }, 'cannot start');
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
  const serving = await serve(kefu, config.PORT, config.HOST, logger);
  // Serving: no failure of one turn, stream or socket may end the process for everybody else.
  // State lives in the store and every turn runs under a deadline, so logging and going on is safe.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection (process keeps serving)'));
  process.on('uncaughtException', (err) => logger.error({ err }, 'uncaught exception (process keeps serving)'));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing turns in flight');
    await serving.stop(config.SHUTDOWN_GRACE_MS);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
