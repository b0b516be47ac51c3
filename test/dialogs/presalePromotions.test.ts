/**
 * Promotion questions typed the way buyers type, answered from the shop's promotion data at
 * TRANSCRIPT_NOW (2026-11-23 10:00: before the lipstick's 聚划算 and 双12, outside 家居夜场 hours):
 * an activity's offer and dates, an item's part in it, 价保 and activity prices, bargaining with a
 * quantity, whether offers stack or an item can use them (short by ¥X), gifts and their conditions.
 */
import { describe, expect, it } from 'vitest';
import { chat } from '../support/transcript.js';

const NUTS = '730415562281';
const CLEANSER = '715566021483';
const TISSUE = '746620315004';
const CUP = '759013662355';

const ask = async (itemId: string | undefined, typed: string) => {
  const c = await chat('tb_buyer_003');
  await (itemId ? c.sayOnPage(itemId, typed) : c.say(typed));
  return c.last;
};
const HANDED_OFF = '转给售前客服';

describe('a named activity', () => {
  it('its own offer, dates and the items it leaves out', async () => {
    const said = await ask(undefined, '双12那天有啥折扣');
    expect(said).toContain('12月10日 20:00开始');
    expect(said).toContain('每满200减30');
    expect(said).toMatch(/双面羊毛大衣.*不参加/);
  });

  it('an item left out of it: a clear no, and what it can use (nothing, for the coat)', async () => {
    const said = await ask('item_coat', '双十二参加不');
    expect(said).toContain('双面羊毛大衣不参加双12');
    expect(said).toContain('没有能用的优惠');
  });

  it('an item of its own 聚划算: the date and the activity price', async () => {
    const said = await ask('item_lipstick', '聚划算啥时候');
    expect(said).toContain('11月28日 10:00开始');
    expect(said).toContain('活动价¥259.00');
  });

  it('an item outside that 聚划算: not in it, and the offers it does have', async () => {
    const said = await ask('item_tee', '聚划算啥时候');
    expect(said).toContain('纯棉圆领T恤不参加');
    expect(said).toContain('满199减20');
  });

  it('an activity whose offer is not in the data: its dates, then a person', async () => {
    const said = await ask(undefined, '年货节有什么活动');
    expect(said).toContain('1月5日');
    expect(said).toContain(HANDED_OFF);
  });
});

describe('prices now and later', () => {
  it('the price now is not the activity price, which comes later', async () => {
    const said = await ask('item_lipstick', '这个是活动价吗');
    expect(said).toContain('¥320.00');
    expect(said).toContain('不是活动价');
    expect(said).toContain('¥259.00');
  });

  it('价保: the days, and the coming 聚划算 price is not covered', async () => {
    const said = await ask('item_lipstick', '以后降价了给补吗');
    expect(said).toContain('15天');
    expect(said).toContain('活动价不参加价保');
  });
});

describe('bargaining with a quantity', () => {
  it('a polite no, and the tier the quantity reaches', async () => {
    const said = await ask('item_tee', '再便宜点 我拿三件');
    expect(said).toContain('没法单独改价');
    expect(said).toContain('满399减50');
    expect(said).toContain('¥537.00');
  });

  it('an item no offer applies to: says why', async () => {
    const said = await ask('item_coat', '再便宜点 我拿两件');
    expect(said).toContain('不参加店铺满减');
    expect(said).not.toContain('满399减50');
  });
});

describe('what an item can use', () => {
  it.each([
    ['item_coat', '这个能用券不', '不参加店铺券'],
    ['item_mug', '这个能用夜场的满减不', '不参加家居夜场'],
    [CUP, '这个能用夜场的满减不', '20:00以后下单就能用'],
  ])('on %s: "%s"', async (itemId, typed, expected) => {
    expect(await ask(itemId, typed)).toContain(expected);
  });

  it('a coupon the amount said does not reach: short by ¥X', async () => {
    const said = await ask(TISSUE, '6包的拿两份能用满99减10的券不');
    expect(said).toContain('¥25.80');
    expect(said).toContain('还差73.20元才满99元');
  });

  it('coupon and 满减 together, as the data says; two coupons, which it does not say, go to a person', async () => {
    expect(await ask(undefined, '满减和券可以一起用不')).toContain('可以一起用');
    const two = await ask(undefined, '美妆券跟店铺券能叠加吗');
    expect(two).toContain(HANDED_OFF);
    expect(two).not.toContain('可以一起用');
  });
});

describe('gifts', () => {
  it.each([
    [NUTS, '买几个有送的', ['满3个送不锈钢山核桃剥壳器', '口味可以混拍']],
    ['733104958820', '送赠品吗', ['送棉麻茶巾']],
    ['item_tee', '送赠品吗', ['没有赠品活动']],
    [CLEANSER, '买一瓶够送小样吗', ['满199元送', '还不够']],
  ])('on %s: "%s"', async (itemId, typed, expected) => {
    const said = await ask(itemId, typed);
    for (const e of expected) expect(said).toContain(e);
  });
});

describe('asked without naming which one', () => {
  it('an activity asked with no item in view names the items it is for and their activity prices', async () => {
    const said = await ask(undefined, '聚划算是哪几款 什么价');
    expect(said).toContain('丝绒哑光口红');
    expect(said).toContain('¥259.00');
  });

  it('"两张券能一起用吗" with no coupon named: the two the shop runs, and only what the data says', async () => {
    const said = await ask(undefined, '两张券能一起用吗');
    expect(said).toContain(HANDED_OFF);
  });

  it('"美妆券和满减能一起用吗": that coupon and the 满减 running, as the data says', async () => {
    const said = await ask(undefined, '美妆券和满减可以叠加吗');
    expect(said).toMatch(/可以一起用|能一起用|同时用/);
    expect(said).not.toContain(HANDED_OFF);
  });

  it('bargaining for a quantity that earns a gift names the gift with the total', async () => {
    const said = await ask(NUTS, '便宜点呗 我拿三袋');
    expect(said).toContain('剥壳器');
  });
});
