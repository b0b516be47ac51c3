import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs on stdout. Buyer text is never logged; these paths are censored as a second line of
 * defence should an order or a profile end up in a log call.
 */
const PII_PATHS = ['*.phone', '*.mobile', '*.address', '*.receiverMobile', '*.receiverAddress', '*.receiverPhone', '*.text'];

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'kefu' }, redact: { paths: PII_PATHS, censor: '[redacted]' } });
}
