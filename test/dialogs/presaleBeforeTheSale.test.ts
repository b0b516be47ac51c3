/**
 * Questions a buyer asks before buying that sound like after-sales or that the recognizer is
 * unsure of: answered from the shop's data as pre-sales questions, not with an after-sales flow
 * that finds no order. Also: a general word for the item in view ("杯子" on the tea set's page),
 * measurements asked ("几克"), an item id with a question, recommendations for several people and
 * a need, 运费险, and a courier with a destination. Clock: TRANSCRIPT_NOW (2026-11-23 10:00).
 */
import { describe, expect, it } from 'vitest';
import { chat } from '../support/transcript.js';

/** A buyer who has never ordered from the shop. */
const NEW_BUYER = 'tb_browsing_buyer';

describe('after-sales words before the sale', () => {
  it.each([
    ['item_tee', '多久能发出来', '48小时'],
    ['733104958820', '杯子有裂纹是正常的吗', '开片'],
    ['733104958820', '茶杯是哪里产的', '汝州'],
  ])('on %s: "%s" is answered from the item, no order asked for', async (itemId, typed, expected) => {
    const c = await chat(NEW_BUYER);
    await c.sayOnPage(itemId, typed);
    expect(c.last).toContain(expected);
    expect(c.last).not.toContain('没有可以办理这件事的订单');
  });

  it('a buyer who bought the item asking about a fault gets the after-sales flow for that order', async () => {
    const c = await chat('tb_buyer_001');
    await c.sayOnPage('item_lipstick', '口红断了是质量问题吧');
    expect(c.last).not.toContain('丝绒哑光口红的');
    expect(c.last).toMatch(/丝绒哑光口红|哪一笔|质量/);
  });
});

describe('the item meant', () => {
  it('a general word on an item\'s page is that item, a specific name is another one', async () => {
    const c = await chat(NEW_BUYER);
    await c.sayOnPage('733104958820', '在吗');
    await c.sayOnPage('733104958820', '杯子是哪里产的');
    expect(c.cards).toEqual([]);
    expect(c.last).toContain('汝州');
    await c.sayOnPage('733104958820', '保温杯是哪里产的');
    expect(c.cards).toHaveLength(1);
    expect(c.last).toContain('永康');
  });

  it('an item id with a question about it is answered, not asked what about', async () => {
    const c = await chat(NEW_BUYER);
    await c.say('702918845361 这双有多重');
    expect(c.last).toContain('320g');
  });
});

describe('attributes asked in other words', () => {
  it.each([
    ['715566021590', '拆封以后可以用多久', '开封后6个月内用完'],
    ['730415562281', '一次吃不完怎么办 怎么放', '开袋后密封'],
    ['item_mug', '是哪儿烧的', '景德镇'],
  ])('on %s: "%s"', async (itemId, typed, expected) => {
    const c = await chat(NEW_BUYER);
    await c.sayOnPage(itemId, typed);
    expect(c.last).toContain(expected);
  });
});

describe('measurements asked', () => {
  it.each([
    ['item_tee', '这件几克重', '200g'],
    ['746620315121', '一片多大', '200×150'],
  ])('on %s: "%s" gets the fact stating it', async (itemId, typed, expected) => {
    const c = await chat(NEW_BUYER);
    await c.sayOnPage(itemId, typed);
    expect(c.last).toContain(expected);
    expect(c.last).not.toContain('转给售前客服');
  });
});

describe('recommendations', () => {
  it('for several people and a need: the item that suits them all and holds the need', async () => {
    const c = await chat(NEW_BUYER);
    await c.say('想送爸妈 泡茶用的 推荐个');
    expect(c.last).toMatch(/茶/);
    expect(c.last).not.toContain('资料里没有写');
  });

  it('asked in words the recognizer is unsure of, still a recommendation', async () => {
    const c = await chat(NEW_BUYER);
    await c.say('刚生了宝宝 送点啥好');
    expect(c.last).toContain('连体衣');
  });
});

describe('shipping', () => {
  it('运费险: whether the shop gives it and that the buyer can add it', async () => {
    const c = await chat(NEW_BUYER);
    await c.say('运费险有吗');
    expect(c.last).toContain('不送运费险');
    expect(c.last).toContain('自己勾选');
  });

  it('a courier and a destination: that courier\'s days there', async () => {
    const c = await chat(NEW_BUYER);
    await c.say('顺丰发到沈阳要几天');
    expect(c.last).toContain('顺丰速运到辽宁省');
    expect(c.last).toContain('2-3天');
  });

  it('an FAQ answer that leaves the question open offers a pre-sales agent', async () => {
    const c = await chat(NEW_BUYER);
    await c.say('没货的什么时候补');
    expect(c.last).toContain('到货提醒');
    expect(c.last).toContain('转给售前客服');
  });
});

describe('a spec named with a yes-or-no about it', () => {
  it('answered when the spec says it, shown and asked around when it does not', async () => {
    const c = await chat(NEW_BUYER);
    await c.sayOnPage('681250339472', '帽子有抽绳吗');
    expect(c.last).toContain('带抽绳');
    expect(c.last).not.toContain('转给售前客服');
    await c.sayOnPage('681250339472', '帽子能单独取下来洗吗');
    expect(c.last).toContain('双层帽');
    expect(c.last).toContain('转给售前客服');
  });
});

describe('an FAQ entry found for a yes-or-no it does not speak to', () => {
  it('shows the entry and asks around; an entry that speaks to it answers', async () => {
    const c = await chat(NEW_BUYER);
    await c.sayOnPage('item_mug', '能刻日文吗');
    expect(c.last).toContain('不超过8个字');
    expect(c.last).toContain('资料里没有写');
    expect(c.last).toContain('转给售前客服');
    await c.sayOnPage('item_mug', '能刻英文吗');
    expect(c.last).toContain('英文和数字不超过16个字符');
    expect(c.last).not.toContain('转给售前客服');
  });
});
