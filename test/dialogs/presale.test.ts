/**
 * Pre-sales conversations typed the way buyers type, from a shop page (the item in view passed by
 * the page) or naming items: stock, prices and multi-buy totals, comparisons, suitability, product
 * cards, fragments that need the item in view, and an honest hand-off carrying the question.
 * Clock: TRANSCRIPT_NOW (2026-11-23 10:00), so the promotions are those open then.
 */
import { describe, expect, it } from 'vitest';
import { chat, testKefu } from '../support/transcript.js';

describe('the item the buyer is looking at', () => {
  it('comes from the shop page: a card once, then fragments are about it', async () => {
    const c = await chat('tb_buyer_003');
    await c.sayOnPage('item_tee', '在吗');
    expect(c.cards).toEqual(['小满纯棉圆领T恤']);
    await c.sayOnPage('item_tee', '纯棉的吗');
    expect(c.cards).toEqual([]);
    expect(c.last).toContain('纯棉圆领T恤的材质');
    await c.sayOnPage('item_tee', '能烘干嘛');
    expect(c.last).toContain('不可烘干');
    await c.sayOnPage('item_tee', '黑色L还有吗');
    expect(c.last).toMatch(/黑色 L暂时卖完了.*黑色 \/ M/);
  });

  it('an item named in the message takes over, and the one before stays for a comparison', async () => {
    const c = await chat('tb_buyer_003');
    await c.sayOnPage('item_tee', '有货吗');
    await c.sayOnPage('item_tee', '和卫衣有啥区别');
    expect(c.cards).toEqual(['小满重磅连帽卫衣 400g毛圈 男女同款']);
    expect(c.last).toContain('重磅连帽卫衣和纯棉圆领T恤的区别');
    // The page still shows the T恤, but the buyer is now asking about the hoodie.
    await c.sayOnPage('item_tee', '卫衣洗了会缩吗');
    expect(c.last).not.toContain('哪一款');
  });
});

describe('answers from the item\'s data', () => {
  it.each([
    ['item_tee', 'M码和L码有什么区别', ['衣长69cm和72cm', '价格一样']],
    ['item_tee', '多少钱', ['¥199.00一件', '白色 / XXL ¥209.00']],
    ['730415562281', '买5袋多少钱', ['买5袋', '店铺满减减¥20.00', '送不锈钢山核桃剥壳器一个', '合计']],
    ['746620315121', '孕妇能用吗', ['孕妇']],
    ['759013662355', '多大容量', ['容量']],
    ['item_coat', '大衣参加满减吗', ['不参加店铺满减']],
    ['item_tee', 'L码衣长多少', ['L码', '衣长72cm']],
    ['746620315004', '24包和6包哪个划算', ['每包¥1.66', '每包¥2.15', '24包更划算']],
    ['item_sneaker', '43码咋比42贵', ['差¥20.00', '用料多']],
    ['733104958937', '500和750差几块', ['500ml¥69.00', '750ml¥89.00', '差¥20.00']],
    ['item_tee', '多厚 怎么洗', ['厚度', '洗涤保养']],
    ['681250339518', '宝宝68公分 8公斤穿多大', ['尺码表']],
    ['702918845361', '偏大还是偏小', ['偏大半码']],
    ['759013662248', '这个要运费吗', ['单买一件']],
  ])('on %s: "%s"', async (itemId, typed, expected) => {
    const c = await chat('tb_buyer_003');
    await c.sayOnPage(itemId, typed);
    for (const e of expected) expect(c.last).toContain(e);
    expect(c.last).not.toContain('我帮您问一下');
  });

  it('a fact the data does not hold is never guessed: the question and the item go to a pre-sales agent', async () => {
    const kefu = await testKefu();
    const c = await chat('tb_buyer_009');
    await c.sayOnPage('759013662355', '能带上飞机吗');
    expect(c.last).toContain('我帮您问一下');
    await c.say('好的');
    expect(c.last).toContain('人工客服');
    const open = await kefu.handoffs.list();
    expect(open.map((h) => h.summary)).toContainEqual(expect.stringMatching(/316不锈钢保温杯.*能带上飞机吗/));
  });

  it('a comparison and measurements in one message: both answered, the measurements taken whole', async () => {
    const c = await chat('tb_buyer_003');
    await c.sayOnPage('681250339472', '这件卫衣M和L啥区别 我170 65kg');
    expect(c.last).toContain('衣长68cm和71cm');
    expect(c.last).toContain('身高170cm');
    expect(c.last).toContain('体重65kg');
  });

  it('bargaining names the promotions this item is excluded from, not those of other categories', async () => {
    const c = await chat('tb_buyer_003');
    await c.sayOnPage('681250339472', '能便宜点吗');
    expect(c.last).toContain('没法单独改价');
    expect(c.last).not.toContain('不参加');
    await c.sayOnPage('item_coat', '能便宜点吗');
    expect(c.last).toContain('不参加店铺满减');
  });

  it.each([
    ['item_mug', '这个能七天无理由吗', '定制商品，不支持七天无理由'],
    ['730415562281', '拆了还能退吗', '食品拆封后就不能无理由退了'],
    ['681250339472', '不合适能退吗', '签收后7天内'],
  ])('before buying, on %s: "%s" gets the item\'s return terms', async (itemId, typed, expected) => {
    const c = await chat('tb_buyer_003');
    await c.sayOnPage(itemId, typed);
    expect(c.last).toContain(expected);
  });

  it('a return question about an item the buyer has bought is about that order', async () => {
    const c = await chat('tb_buyer_001');
    await c.sayOnPage('item_tee', '不合适能退吗');
    expect(c.last).not.toContain('签收后7天内，商品完好');
    expect(c.last).toMatch(/退款原因|哪一笔/);
  });

  it('another question while a pre-sales agent is offered: the offer lapses and the question is answered', async () => {
    const c = await chat('tb_buyer_003');
    await c.sayOnPage('item_tee', 'T恤是哪个厂家做的');
    expect(c.last).toContain('转给售前客服');
    await c.sayOnPage('item_tee', '有黑色吗');
    expect(c.last).toContain('黑色有货');
    expect(c.last).not.toContain('转给售前客服');
  });
});
