/**
 * Webhook signatures: HMAC-SHA256 with the shared secret over `${timestamp}.${rawBody}`, sent as
 * `X-Kefu-Signature: sha256=<hex>` with `X-Kefu-Timestamp: <unix seconds>`. Signing the timestamp
 * with the body stops an old request being replayed with a fresh timestamp.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-kefu-signature';
export const TIMESTAMP_HEADER = 'x-kefu-timestamp';

export function sign(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

export function signatureMatches(secret: string, timestamp: string, rawBody: Buffer, given: string): boolean {
  const expected = Buffer.from(sign(secret, timestamp, rawBody));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
