/**
 * The shop's order system over HTTP (ORDER_API_URL). Reads are idempotent, so a timeout, a 5xx or
 * a 429 is retried with exponential backoff and jitter (p-retry); a 404 means "does not exist";
 * every body is validated against the contract, and anything else becomes an OrderServiceError
 * the dialogs can explain. Validated bodies are cached for a few seconds.
 */
import pRetry, { AbortError } from 'p-retry';
import type { z } from 'zod';
import { ENDPOINTS, ItemSkus, Logistics, Trade, TradeList } from './contract.js';
import { OrderServiceError } from './errors.js';
import type { OrderApi } from './orderApi.js';
import type { ResponseCache } from './responseCache.js';

export interface HttpOrderApiOptions {
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff pause; doubles each retry. */
  backoffMs: number;
  cache: ResponseCache;
  cacheTtlSeconds: number;
}

export const API_KEY_HEADER = 'x-api-key';

const NOT_FOUND = Symbol('not found');

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

  itemSkus(itemId: string) {
    return this.read(ENDPOINTS.itemSkus(itemId), ItemSkus);
  }

  logistics(tid: string) {
    return this.read(ENDPOINTS.logistics(tid), Logistics);
  }

  private async read<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S> | undefined> {
    const cached = await this.options.cache.get(path);
    if (cached !== undefined) return schema.parse(JSON.parse(cached));
    const body = await this.fetchWithRetries(path);
    if (body === NOT_FOUND) return undefined;
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new OrderServiceError('malformed', `GET ${path}: ${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    await this.options.cache.set(path, JSON.stringify(parsed.data), this.options.cacheTtlSeconds);
    return parsed.data;
  }

  private async fetchWithRetries(path: string): Promise<unknown> {
    try {
      return await pRetry(() => this.fetchOnce(path), {
        retries: this.options.retries,
        minTimeout: this.options.backoffMs,
        factor: 2,
        randomize: true,
      });
    } catch (err) {
      if (err instanceof OrderServiceError) throw err;
      if ((err as Error).name === 'TimeoutError')
        throw new OrderServiceError('timeout', `GET ${path}: no answer within ${this.options.timeoutMs} ms (${this.options.retries + 1} attempts)`);
      throw new OrderServiceError('unavailable', `GET ${path}: ${(err as Error).message}`);
    }
  }

  private async fetchOnce(path: string): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.apiKey) headers[API_KEY_HEADER] = this.options.apiKey;
    const res = await fetch(`${this.baseUrl}${path}`, { headers, signal: AbortSignal.timeout(this.options.timeoutMs) });
    if (res.status === 404) return NOT_FOUND;
    if (res.status === 401 || res.status === 403)
      throw new AbortError(new OrderServiceError('unauthorized', `GET ${path}: ${res.status}: check ORDER_API_KEY`));
    if (res.status >= 500 || res.status === 429) throw new OrderServiceError('unavailable', `GET ${path}: ${res.status}`);
    if (!res.ok) throw new AbortError(new OrderServiceError('unavailable', `GET ${path}: ${res.status}`));
    try {
      return await res.json();
    } catch {
      throw new AbortError(new OrderServiceError('malformed', `GET ${path}: body is not JSON`));
    }
  }
}
