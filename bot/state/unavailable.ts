/**
 * "The store is unavailable, try again shortly": errors a request answers with 503 and
 * Retry-After rather than 500. Redis down, hung or unreachable (with the fail-fast client of
 * redisClient.ts each of these fails within about a second), Redis busy with something it will
 * finish (loading its data, a long script, a failover), and a conversation whose previous turn
 * holds the turn lock too long.
 *
 * ioredis has no error classes for most of these, only messages; test/http/redisOutageErrors.test.ts
 * provokes each with a real client, so an ioredis upgrade that rewords one is noticed.
 */
import { TurnLockTimeoutError } from './turnLock.js';

/** What a refused client is told to wait: Redis reconnects within a second; outages last longer. */
export const RETRY_AFTER_SECONDS = 5;

const IOREDIS_MESSAGES = [
  "Stream isn't writeable", // not connected, and commands are not queued (enableOfflineQueue: false)
  'Command timed out', // commandTimeout
  'Connection is closed.', // the client was closed (shutting down)
  'Reached the max retries per request limit', // in flight when the connection dropped (maxRetriesPerRequest)
  'Command aborted due to connection close', // part of a pipeline or transaction cut short
  "Cluster isn't ready", // Redis Cluster: no node reachable yet, or reconnecting (no offline queue)
  'Too many Cluster redirections', // Redis Cluster: slots moving for longer than a command may wait
];
/** Redis's own "not now" answers. */
const TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|READONLY|NOREPLICAS)\b/;

/** A turn's state reached fewer replicas than required within the wait (a failover under way). */
export class NotReplicatedError extends Error {
  override name = 'NotReplicatedError';
}

export function isStoreUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof TurnLockTimeoutError || err instanceof NotReplicatedError) return true;
  if (IOREDIS_MESSAGES.some((message) => err.message.startsWith(message))) return true;
  if (err.name === 'ReplyError' && TRANSIENT_REPLY.test(err.message)) return true;
  return isStoreUnavailable(err.cause);
}
