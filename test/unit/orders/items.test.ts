import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_LIMITS as L, ENDPOINTS, Item, ItemSearch } from '../../../bot/orders/contract.js';
import { DemoOrderApi, demoSearch } from '../../../bot/orders/demo/demoOrderApi.js';
import { DEMO_ITEMS } from '../../../bot/orders/demo/fixtures.js';
import { OrderNotFoundError } from '../../../bot/orders/errors.js';
import { API_KEY_HEADER, HttpOrderApi, searchQuery } from '../../../bot/orders/httpOrderApi.js';
import { ITEM_SEARCH_LIMIT, OrderService } from '../../../bot/orders/orderService.js';
import { MemoryResponseCache } from '../../../bot/orders/responseCache.js';
import { startOrderSystem, type OrderSystem } from '../../support/orderSystem.js';

const BASE = 'http://orders.shop.test/api/v1';
const KEY = 'test-api-key-123';
const tee = DEMO_ITEMS.find((i) => i.itemId === 'item_tee')!;
const hoodie = DEMO_ITEMS.find((i) => i.itemId === '681250339472')!;
const summary = demoSearch('卫衣')[0]!;

function http(baseUrl = BASE, overrides: Partial<ConstructorParameters<typeof HttpOrderApi>[0]> = {}) {
  return new HttpOrderApi({ baseUrl, apiKey: KEY, timeoutMs: 200, retries: 2, backoffMs: 1, cache: new MemoryResponseCache(), cacheTtlSeconds: 30, ...overrides });
}
const shop = () => nock(BASE, { reqheaders: { [API_KEY_HEADER]: KEY } });

describe('the item contract', () => {
  it('validates the demo items and search answers', () => {
    for (const item of DEMO_ITEMS) expect(Item.safeParse(item).error, item.itemId).toBeUndefined();
    expect(ItemSearch.safeParse({ items: demoSearch('小满') }).error).toBeUndefined();
  });

  it('bounds the category, the SKUs and the number of hits', () => {
    expect(Item.safeParse({ ...tee, category: '类'.repeat(L.categoryChars) }).success).toBe(true);
    expect(Item.safeParse({ ...tee, category: '类'.repeat(L.categoryChars + 1) }).error?.issues[0]?.path).toEqual(['category']);
    expect(Item.safeParse({ ...tee, category: '' }).success).toBe(false);
    expect(Item.safeParse({ ...tee, skus: Array.from({ length: L.skusPerItem + 1 }, () => tee.skus[0]) }).success).toBe(false);
    expect(ItemSearch.safeParse({ items: Array.from({ length: L.itemsPerSearch }, () => summary) }).success).toBe(true);
    expect(ItemSearch.safeParse({ items: Array.from({ length: L.itemsPerSearch + 1 }, () => summary) }).success).toBe(false);
    expect(ItemSearch.safeParse({ items: [{ ...summary, minPrice: '便宜' }] }).success).toBe(false);
  });

  it('encodes the paths', () => {
    expect(ENDPOINTS.item('a/b')).toBe('/items/a%2Fb');
    expect(ENDPOINTS.searchItems('羊毛 大衣&x', 5)).toBe(`/items?q=${encodeURIComponent('羊毛 大衣&x')}&limit=5`);
  });
});

describe('the demo search', () => {
  it.each([
    ['卫衣', ['681250339472']],
    ['羊毛 大衣', ['item_coat']],
    ['鞋靴', ['item_sneaker', '702918845361']],
    ['T恤', ['item_tee']],
    ['t恤', ['item_tee']],
    ['681250339518', ['681250339518']],
    ['羽绒服', []],
    ['   ', []],
  ])('%s → %j', (q, ids) => {
    expect(demoSearch(q).map((s) => s.itemId)).toEqual(ids);
  });

  it('summarises price range and stock', () => {
    expect(demoSearch('T恤')[0]).toEqual({ itemId: 'item_tee', title: tee.title, category: '服装', minPrice: '199.00', maxPrice: '209.00', inStock: true });
  });
});

describe('HTTP order client: items (nock)', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it('GET /items/{itemId}', async () => {
    shop().get('/items/681250339472').reply(200, hoodie);
    expect(await new OrderService(http()).getItem('681250339472')).toEqual(hoodie);
  });

  it('the old name still reads the item (the exchange flow and copilot call it)', async () => {
    shop().get('/items/item_tee').reply(200, tee);
    expect((await new OrderService(http()).getItemSkus('item_tee')).skus).toHaveLength(tee.skus.length);
  });

  it('404 → OrderNotFoundError', async () => {
    shop().get('/items/nothing').reply(404);
    await expect(new OrderService(http()).getItem('nothing')).rejects.toBeInstanceOf(OrderNotFoundError);
  });

  it('an item without a category is malformed, naming the field, and not retried', async () => {
    const { category: _dropped, ...withoutCategory } = tee;
    shop().get('/items/item_tee').once().reply(200, withoutCategory);
    await expect(new OrderService(http()).getItem('item_tee')).rejects.toMatchObject({ failure: 'malformed', message: expect.stringContaining('category') });
  });

  it('retries a 503 like every read, and caches the answer', async () => {
    shop().get('/items/item_tee').reply(503).get('/items/item_tee').once().reply(200, tee);
    const service = new OrderService(http());
    await service.getItem('item_tee');
    expect((await service.getItem('item_tee')).itemId).toBe('item_tee');
  });

  it('GET /items?q= with the limit', async () => {
    shop().get('/items').query({ q: '卫衣', limit: String(ITEM_SEARCH_LIMIT) }).reply(200, { items: [summary] });
    expect(await new OrderService(http()).searchItems('卫衣')).toEqual([summary]);
  });

  it('an empty query is not sent; a long one is cut to the contract limit', async () => {
    expect(await new OrderService(http()).searchItems('   ')).toEqual([]);
    const long = '羊毛'.repeat(100);
    shop().get('/items').query({ q: '羊毛'.repeat(30), limit: '3' }).reply(200, { items: [] });
    expect(await http().searchItems(long, 3)).toEqual([]);
    expect([...searchQuery(long)]).toHaveLength(L.searchQueryChars);
    expect(searchQuery('  羊毛   大衣 ')).toBe('羊毛 大衣');
  });

  it('keeps at most `limit` hits even when the order system sends more', async () => {
    shop().get('/items').query(true).reply(200, { items: [summary, summary, summary] });
    expect(await new OrderService(http()).searchItems('卫衣', 2)).toHaveLength(2);
  });

  it('a 404 search means no hits; a malformed one is an error', async () => {
    shop().get('/items').query(true).reply(404);
    expect(await http().searchItems('卫衣', 5)).toEqual([]);
    shop().get('/items').query(true).reply(200, { items: [{ itemId: 'x' }] });
    await expect(http().searchItems('帽衫', 5)).rejects.toMatchObject({ failure: 'malformed' });
  });
});

describe('the demo order system over HTTP (its router), read by the HTTP client', () => {
  let system: OrderSystem;
  beforeAll(async () => {
    system = await startOrderSystem();
  });
  afterAll(() => system.close());

  it('serves items and search exactly as the in-process demo', async () => {
    const api = http(system.url, { apiKey: undefined });
    const demo = new DemoOrderApi();
    expect(await api.item('681250339472')).toEqual(await demo.item('681250339472'));
    expect(await api.item('no_such')).toBeUndefined();
    expect(await api.searchItems('杯', 10)).toEqual(await demo.searchItems('杯', 10));
    expect((await api.searchItems('杯', 10)).map((s) => s.itemId)).toEqual(['item_mug', '733104958820', '733104958937', '759013662355']);
    expect(await api.searchItems('杯', 1)).toHaveLength(1);
  });
});
