import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossCheckCatalogue, promotionMoment, toMultiBuyInput, toPricedLines } from '../../bot/orders/catalogue.js';
import type { Item } from '../../bot/orders/contract.js';
import { DemoOrderApi } from '../../bot/orders/demo/demoOrderApi.js';
import { DEMO_ITEMS, demoTrades } from '../../bot/orders/demo/fixtures.js';
import type { OrderApi } from '../../bot/orders/orderApi.js';
import { loadKnowledge } from '../../knowledge/loader.js';
import { KNOWLEDGE_DIR } from '../../knowledge/paths.js';
import { whyPromotionNotApplied } from '../../knowledge/policy/promotions.js';
import { kb, knowledgeProblems } from '../support/knowledge.js';

const run = promisify(execFile);
const BROKEN = 'test/fixtures/knowledge-broken';
const CATEGORIES = ['服装', '鞋靴', '美妆护肤', '食品', '茶具', '纸品湿巾', '家居日用'];

describe('the demo catalogue', () => {
  it('has 15+ items across clothing, shoes, cosmetics, food, tea ware, paper and wet wipes, household goods', () => {
    expect(DEMO_ITEMS.length).toBeGreaterThanOrEqual(15);
    expect(new Set(DEMO_ITEMS.map((i) => i.category))).toEqual(new Set(CATEGORIES));
    expect(kb.catalogue.categories().sort()).toEqual([...CATEGORIES].sort());
  });

  it('keeps the items the trades refer to, and describes every item the demo order system lists', () => {
    const traded = new Set(demoTrades(new Date()).flatMap((t) => t.orders.map((o) => o.itemId)));
    for (const itemId of traded) expect(DEMO_ITEMS.some((i) => i.itemId === itemId)).toBe(true);
    for (const item of DEMO_ITEMS) expect(kb.catalogue.get(item.itemId)?.category, item.itemId).toBe(item.category);
  });

  it('has SKUs out of stock and off sale, and no warnings against the demo order system', async () => {
    const skus = DEMO_ITEMS.flatMap((i) => i.skus);
    expect(skus.filter((s) => s.stock === 0).length).toBeGreaterThanOrEqual(2);
    expect(kb.warnings).toEqual([]);
    expect(await crossCheckCatalogue(kb, new DemoOrderApi(), DEMO_ITEMS.map((i) => i.itemId))).toEqual([]);
  });

  it('has size charts for the clothes and shoes, and attributes on every item', () => {
    for (const entry of kb.catalogue.all()) {
      expect(Object.keys(entry.attributes).length, entry.itemId).toBeGreaterThan(0);
      if (entry.category === '服装') expect(entry.sizeChart?.kind, entry.itemId).toBe('body');
      if (entry.category === '鞋靴') expect(entry.sizeChart?.kind, entry.itemId).toBe('foot');
      if (entry.category === '食品' || entry.category === '美妆护肤') expect(entry.attributes.shelfLife, entry.itemId).toBeDefined();
    }
  });
});

describe('facts with their sources', () => {
  it('cites file and field', () => {
    expect(kb.catalogue.attribute('item_tee', 'material')).toEqual({
      value: expect.stringContaining('100%棉'),
      source: { file: 'knowledge/catalogue/item_tee.yaml', field: 'attributes.material' },
    });
    expect(kb.catalogue.spec('730415562281', '净含量')?.source.field).toBe('specs.净含量');
    expect(kb.catalogue.suitability('746620315121', 'baby')).toMatchObject({ value: { suitable: true }, source: { field: 'suitability.baby' } });
    expect(kb.catalogue.inBox('733104958820')?.value).toContain('公道杯一只');
    expect(kb.catalogue.attributes('item_lipstick').map((a) => a.value.attribute)).toContain('shelfLife');
    expect(kb.catalogue.specs('item_tee').length).toBeGreaterThan(2);
  });

  it('has no fact the shop did not write: the bot must ask instead', () => {
    expect(kb.catalogue.suitability('715566021590', 'pregnant')).toBeUndefined();
    expect(kb.catalogue.attribute('item_tee', 'shelfLife')).toBeUndefined();
    expect(kb.catalogue.spec('item_tee', '重量')).toBeUndefined();
    expect(kb.catalogue.sizeChart('item_lipstick')).toBeUndefined();
    expect(kb.catalogue.attribute('no_such_item', 'material')).toBeUndefined();
  });

  it('finds the item a message mentions', () => {
    expect(kb.catalogue.mentionedIn('这款卫衣起球吗').map((e) => e.itemId)).toEqual(['681250339472']);
    expect(kb.catalogue.mentionedIn('湿巾和抽纸有什么区别').map((e) => e.itemId).sort()).toEqual(['746620315004', '746620315121']);
    expect(kb.catalogue.mentionedIn('730415562398 这个茶是新茶吗')[0]?.itemId).toBe('730415562398');
    expect(kb.catalogue.mentionedIn('你好')).toEqual([]);
  });

  it('notes by item pair or SKU properties', () => {
    expect(kb.catalogue.notes('item_tee', { properties: { 颜色: '灰色', 尺码: 'M' } }).map((n) => n.value.text)).toEqual([expect.stringContaining('下架')]);
    expect(kb.catalogue.notes('item_tee').length).toBe(4);
  });

  it('the shop profile names only the programmes the shop takes part in', () => {
    const ids = kb.profile.programmes.map((p) => p.id);
    expect(ids).not.toContain('lightning_shipping');
    expect(kb.profile.shipping.promiseHours).toBe(48);
  });
});

describe('trades onto promotion lines (bot/orders/catalogue.ts)', () => {
  const trades = demoTrades(new Date('2026-11-22T10:00:00+08:00'));
  it('prices in fen, categories from the catalogue, judged at payment', () => {
    const twoLines = trades.find((t) => t.orders.length > 1)!;
    expect(toPricedLines(twoLines, kb)).toEqual([
      { itemId: 'item_tee', skuId: 'tee_black_m', category: '服装', unitPrice: 19900, quantity: 2 },
      { itemId: 'item_lipstick', skuId: 'lipstick_316', category: '美妆护肤', unitPrice: 32000, quantity: 1 },
    ]);
    const check = whyPromotionNotApplied(kb, { lines: toPricedLines(twoLines, kb), paidAt: promotionMoment(twoLines, new Date()), promotionId: 'store_manjian' });
    expect(check).toMatchObject({ applied: true, discount: 5000 });
    const unpaid = trades.find((t) => !t.payTime)!;
    const now = new Date();
    expect(promotionMoment(unpaid, now)).toBe(now);
  });

  it('one SKU × N for multiBuyTotal', () => {
    const nuts = DEMO_ITEMS.find((i) => i.itemId === '730415562281')!;
    expect(toMultiBuyInput(nuts, nuts.skus[0]!, 5, { province: '河北' })).toEqual({
      itemId: '730415562281',
      skuId: 'nuts_cream',
      category: '食品',
      unitPrice: 4990,
      quantity: 5,
      province: '河北',
    });
  });
});

describe('the catalogue against the order system: kb:check warnings', () => {
  it('warns about described items not listed, categories that differ, sizes no SKU has, and listed items not described', async () => {
    const changed: OrderApi = Object.assign(Object.create(new DemoOrderApi()) as DemoOrderApi, {
      async item(itemId: string): Promise<Item | undefined> {
        if (itemId === '759013662355') return undefined;
        const item = DEMO_ITEMS.find((i) => i.itemId === itemId);
        if (itemId === 'item_tee') return { ...item!, category: '女装/T恤', skus: item!.skus.filter((s) => s.properties.尺码 !== 'XXL') };
        if (itemId === 'item_lipstick') return { ...item!, skus: [] };
        return item;
      },
    });
    const warnings = await crossCheckCatalogue(kb, changed, ['item_tee', 'item_new']);
    expect(warnings).toEqual(
      expect.arrayContaining([
        'knowledge/catalogue/759013662355.yaml: itemId: the order system does not list item 759013662355 (fine if it is not on sale yet)',
        'knowledge/catalogue/item_tee.yaml: category: is "服装", the order system says "女装/T恤"',
        'knowledge/catalogue/item_tee.yaml: sizeChart.rows.4.size: no SKU has 尺码 XXL',
        'knowledge/catalogue/item_tee.yaml: notes.3.skus: no SKU has 尺码 XXL',
        'knowledge/catalogue/item_new.yaml: (file): the order system lists item item_new, but the shop has not described it',
      ]),
    );
    expect(warnings).toHaveLength(5);
  });
});

describe('a wrong or missing file stops start-up and kb:check, naming file and field', () => {
  it('the broken fixture: catalogue, FAQ and promotions problems', async () => {
    const message = await knowledgeProblems(BROKEN);
    for (const expected of [
      'catalogue/item_typo.yaml: attributes: Unrecognized key: "materail"',
      'catalogue/item_backwards.yaml: itemId: is item_other, but the file must be named item_other.yaml',
      'catalogue/item_backwards.yaml: sizeChart.rows.1.heightCm: rows must go from the smallest size to the largest',
      'catalogue/item_backwards.yaml: notes.0.items.0: no catalogue/item_ghost.yaml describes item item_ghost',
      'catalogue/item_shoe.yaml: sizeChart.rows.0.footLengthMm: expected [min, max] with min ≤ max',
      'faq/broken.yaml: entry only_one_paraphrase: paraphrases: Too small',
      'faq/broken.yaml: entry unknown_item: items.0: no catalogue/item_ghost.yaml',
      'faq/broken.yaml: entry unknown_item: categories.0: no catalogue item has category "家电"',
      'promotions.yaml: entry bad_tiers: fullReductions.0.tiers.1: tiers must go up',
      'promotions.yaml: entry no_dates: coupons.0.validFrom: required unless the promotion names an activity',
      'promotions.yaml: entry no_dates: coupons.0.excludedCategories.0: no catalogue item has category "家电"',
      'promotions.yaml: entry bad_dates: coupons.1.activity: no activity with id no_such_activity',
      'promotions.yaml: entry ends_early: activities.0.to: ends before it starts',
      'shop-profile.yaml: programmes: Invalid input',
    ])
      expect(message).toContain(expected);
  });

  it('kb:check exits 1 naming the catalogue file and field', async () => {
    const failed = await run('npx', ['tsx', 'scripts/kbCheck.ts', BROKEN]).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('catalogue/item_typo.yaml: attributes: Unrecognized key: "materail"');
  });

  describe('edits to a copy of the shipped knowledge', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'kefu-presale-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });
    const fresh = async () => {
      await rm(dir, { recursive: true, force: true });
      await cp(KNOWLEDGE_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
    };
    const edit = async (file: string, from: string | RegExp, to: string) => {
      const path = join(dir, file);
      const text = await readFile(path, 'utf8');
      const next = text.replace(from, to);
      expect(next, `${file}: ${String(from)} not found`).not.toBe(text);
      await writeFile(path, next);
    };

    it.each<[string, () => Promise<void>, string]>([
      ['a missing promotions.yaml', () => rm(join(dir, 'promotions.yaml')), 'promotions.yaml: (file): cannot be read'],
      ['an empty catalogue', async () => rm(join(dir, 'catalogue'), { recursive: true }), 'catalogue: (directory): has no <itemId>.yaml files'],
      ['a date that does not exist', () => edit('promotions.yaml', 'validFrom: "2026-11-15"', 'validFrom: "2026-02-30"'), 'promotions.yaml: coupons.1.validFrom: not a calendar date'],
      ['价保 without days', () => edit('promotions.yaml', /\n {2}days: 15/, ''), 'promotions.yaml: priceProtection.days: days is required when price protection is offered'],
      ['a province misspelt', () => edit('shop-profile.yaml', '[浙江省, 上海市, 江苏省, 安徽省], min: 1, max: 2', '[浙江, 上海市, 江苏省, 安徽省], min: 1, max: 2'), 'shipping.deliveryDays.byProvince.0.provinces.0: unknown province "浙江"'],
      ['24小时闪电发货 with a 48 h promise', () => edit('shop-profile.yaml', '{ id: fast_refund, name: 极速退款 }', '{ id: lightning_shipping, name: 24小时闪电发货 }'), 'shop-profile.yaml: programmes.4.id: 24小时闪电发货 contradicts shipping.promiseHours (48 h)'],
      ['a 催付 coupon that promotions.yaml does not have', () => edit('shop-profile.yaml', 'amountYuan: 10, minSpendYuan: 99, couponId', 'amountYuan: 15, minSpendYuan: 99, couponId'), 'shop-profile.yaml: unpaidOffers.coupon: says ¥15 off ¥99, but coupon coupon_10_99'],
      ['the default courier also not offered', () => edit('shop-profile.yaml', 'notOffered: [京东快递', 'notOffered: [申通快递, 京东快递'), 'shop-profile.yaml: shipping.defaultCourier: 申通快递 is also listed in shipping.notOffered'],
      ['运费险 as a programme the shop does not give', () => edit('shop-profile.yaml', '{ id: fast_refund, name: 极速退款 }', '{ id: return_insurance, name: 赠送运费险 }'), 'programmes.4.id: the shop does not give 运费险'],
      ['价保 offered but not a programme', () => edit('shop-profile.yaml', /\n {2}- \{ id: price_protection, name: 15天价保 \}/, ''), "programmes: does not list price_protection, but promotions.yaml offers it"],
      ['a FAQ entry for an item nobody describes', () => edit('faq/products.yaml', 'items: [item_lipstick]', 'items: [item_lipstik]'), 'faq/products.yaml: entry lipstick_transfer: items.0: no catalogue/item_lipstik.yaml describes item item_lipstik'],
    ])('%s', async (_name, change, expected) => {
      await fresh();
      await change();
      expect(await knowledgeProblems(dir)).toContain(expected);
    });

    it('an item described but not in the order system loads, and kb:check warns', async () => {
      await fresh();
      const tee = await readFile(join(dir, 'catalogue', 'item_tee.yaml'), 'utf8');
      await writeFile(join(dir, 'catalogue', 'item_new.yaml'), tee.replace('itemId: item_tee', 'itemId: item_new').replace(/notes:[\s\S]*$/, ''));
      await edit('promotions.yaml', 'excludedItems: [item_coat, item_mug, "730415562398"]', 'excludedItems: [item_coat, item_mug, "730415562398", item_unknown]');
      const loaded = await loadKnowledge(dir);
      expect(loaded.catalogue.has('item_new')).toBe(true);
      expect(loaded.warnings).toEqual([expect.stringContaining('promotions.yaml: entry store_manjian: fullReductions.0.excludedItems.3: item item_unknown has no catalogue/item_unknown.yaml')]);
      const { stdout } = await run('npx', ['tsx', 'scripts/kbCheck.ts', dir], { env: { ...process.env, ORDER_API_URL: '' } });
      expect(stdout).toMatch(/knowledge OK: 28 rules, .*19 catalogue items, \d+ FAQ entries/);
      expect(stdout).toContain('warning: knowledge/catalogue/item_new.yaml: itemId: the order system does not list item item_new');
      expect(stdout).toContain('warning: ');
      expect(stdout).toContain('item_unknown');
    });
  });
});
