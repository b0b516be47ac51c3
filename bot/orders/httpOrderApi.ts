/**
 * The shop's order system over HTTP (ORDER_API_URL), treated as untrusted and fallible. Reads are
 * idempotent, so a timeout, a 5xx or a 429 is retried with exponential backoff and jitter
 * (p-retry) within one time budget per read; a 404 means "does not exist"; a body must be JSON,
 * at most MAX_BODY_BYTES, and valid against the bounded contract. Anything else becomes an
 * OrderServiceError the dialogs can explain. Validated bodies are cached for a few seconds.
 */
import { parse as parseContentType } from 'content-type';
import pRetry, { AbortError } from 'p-retry';
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import { CONTRACT_LIMITS, ENDPOINTS, Item, ItemSearch, Logistics, Trade, TradeList } from './contract.js';
import { OrderServiceError } from './errors.js';
import type { OrderApi } from './orderApi.js';
import type { ResponseCache } from './responseCache.js';

export interface HttpOrderApiOptions {
  baseUrl: string;
  apiKey?: string;
  /** Per attempt, from the request until the whole body is read. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff pause; doubles each retry. */
  backoffMs: number;
  cache: ResponseCache;
  cacheTtlSeconds: number;
  /** The most one read may take, retries included (default READ_BUDGET_MS). */
  readBudgetMs?: number;
  /** Where failed reads are reported (the path and why, never the body). */
  logger?: Logger;
}

export const API_KEY_HEADER = 'x-api-key';

/**
 * The most one read may take, all attempts and backoff pauses included, whatever
 * ORDER_API_TIMEOUT_MS and ORDER_API_RETRIES say. Without it a hanging order system holds a read
 * for 3 × 2 s + up to 0.6 s of pauses = 6.6 s with the defaults, and with larger settings past the
 * turn deadline (TURN_DEADLINE_MS), when the buyer gets the generic apology instead of the offer
 * of a person. The first failed read ends a lookup, so the buyer hears after at most this long.
 */
export const READ_BUDGET_MS = 5000;

/** A whole buyer's trade list of the bounded contract is far below this; a larger body is refused unread. */
export const MAX_BODY_BYTES = 1024 * 1024;

const NOT_FOUND = Symbol('not found');

/** Not retried: the same answer would come again. */
const malformed = (path: string, why: string) => new AbortError(new OrderServiceError('malformed', `GET ${path}: ${why}`));

function isJson(contentType: string | null): boolean {
  const { type } = parseContentType(contentType ?? '');
  return type === 'application/json' || type.endsWith('+json');
}

/** "orders.0.title: Too big: …", with each part of the path clipped: a record key can be long. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.map((part) => String(part).slice(0, 40)).join('.');
  return `${where || 'body'}: ${issue.message}`;
}

/**
 * The body as UTF-8 text (JSON is UTF-8), or undefined once it is larger than `limit` bytes: a
 * declared Content-Length is checked before reading, then bytes are counted as they arrive (after
 * decompression, so a small gzip of a huge body is refused too) and reading stops at the limit.
 */
async function readBounded(res: Response, limit: number): Promise<string | undefined> {
  if (Number(res.headers.get('content-length')) > limit) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.byteLength;
    if (size > limit) return undefined; // leaving the loop cancels the stream
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Title words as sent in `?q=`: spaces collapsed, at most CONTRACT_LIMITS.searchQueryChars characters. */
export function searchQuery(query: string): string {
  return [...query.trim().replace(/\s+/g, ' ')].slice(0, CONTRACT_LIMITS.searchQueryChars).join('').trim();
}

export class HttpOrderApi implements OrderApi {
  private readonly baseUrl: string;

  constructor(private readonly options: HttpOrderApiOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  trade(tid: string) {
    return this.read(ENDPOINTS.trade(tid), Trade);
  }

  async buyerTrades(buyerId: string, limit: number) {
    return (await this.read(ENDPOINTS.buyerTrades(buyerId, limit), TradeList))?.trades ?? [];
  }

  item(itemId: string) {
    return this.read(ENDPOINTS.item(itemId), Item);
  }

  /** The query is trimmed and cut to CONTRACT_LIMITS.searchQueryChars; an empty one is not sent. */
  async searchItems(query: string, limit: number) {
    const q = searchQuery(query);
    if (!q) return [];
    const bounded = Math.min(CONTRACT_LIMITS.itemsPerSearch, Math.max(1, Math.floor(limit)));
    return (await this.read(ENDPOINTS.searchItems(q, bounded), ItemSearch))?.items.slice(0, bounded) ?? [];
  }

  logistics(tid: string) {
    return this.read(ENDPOINTS.logistics(tid), Logistics);
  }

  private async read<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S> | undefined> {
    const cached = await this.options.cache.get(path);
    // An entry cached before the contract changed is read again rather than trusted.
    const fromCache = cached === undefined ? undefined : schema.safeParse(JSON.parse(cached));
    if (fromCache?.success) return fromCache.data;
    try {
      const body = await this.fetchWithRetries(path);
      if (body === NOT_FOUND) return undefined;
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw new OrderServiceError('malformed', `GET ${path}: ${describeIssue(parsed.error.issues[0]!)}`);
      await this.options.cache.set(path, JSON.stringify(parsed.data), this.options.cacheTtlSeconds);
      return parsed.data;
    } catch (err) {
      if (err instanceof OrderServiceError) this.options.logger?.warn({ failure: err.failure, err: err.message }, 'order system read failed');
      throw err;
    }
  }

  private async fetchWithRetries(path: string): Promise<unknown> {
    const budgetMs = this.options.readBudgetMs ?? READ_BUDGET_MS;
    const budget = AbortSignal.timeout(budgetMs);
    try {
      return await pRetry(() => this.fetchOnce(path, budget), {
        retries: this.options.retries,
        minTimeout: this.options.backoffMs,
        factor: 2,
        randomize: true,
        signal: budget,
      });
    } catch (err) {
      if (err instanceof OrderServiceError) throw err;
      if ((err as Error).name === 'TimeoutError')
        throw new OrderServiceError('timeout', `GET ${path}: no answer within ${this.options.timeoutMs} ms per attempt and ${budgetMs} ms in all`);
      throw new OrderServiceError('unavailable', `GET ${path}: ${(err as Error).message}`);
    }
  }

  private async fetchOnce(path: string, budget: AbortSignal): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.apiKey) headers[API_KEY_HEADER] = this.options.apiKey;
    const done = new AbortController();
    const signal = AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), budget, done.signal]);
    try {
      const res = await fetch(`${this.baseUrl}${path}`, { headers, signal });
      if (res.status === 404) return NOT_FOUND;
      if (res.status === 401 || res.status === 403)
        throw new AbortError(new OrderServiceError('unauthorized', `GET ${path}: ${res.status}: check ORDER_API_KEY`));
      if (res.status >= 500 || res.status === 429) throw new OrderServiceError('unavailable', `GET ${path}: ${res.status}`);
      if (!res.ok) throw new AbortError(new OrderServiceError('unavailable', `GET ${path}: ${res.status}`));
      const contentType = res.headers.get('content-type');
      if (!isJson(contentType)) throw malformed(path, `content type ${(contentType ?? '(none)').slice(0, 80)} is not JSON`);
      const text = await readBounded(res, MAX_BODY_BYTES);
      if (text === undefined) throw malformed(path, `body larger than ${MAX_BODY_BYTES} bytes`);
      try {
        return JSON.parse(text);
      } catch {
        throw malformed(path, 'body is not JSON');
      }
    } catch (err) {
      // Whichever timeout fired, report it as such (not as the stream error it caused).
      throw signal.aborted ? signal.reason : err;
    } finally {
      // Frees the connection of a body left unread (404, 5xx, refused).
      done.abort();
    }
  }
}
