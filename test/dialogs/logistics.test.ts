import { describe, expect, it } from 'vitest';
import { chat } from '../support/transcript.js';

const UNSHIPPED = '3289114476201230003';
const SIGNED_48H = '3289114476201230004'; // shipped 80 h ago
const SHIPPED_100H = '3289114476201230005';
const IN_TRANSIT_30H = '3289114476201230006';

describe('F10 logistics', () => {
  it('shows courier, tracking and the latest event, then asks what is wrong', async () => {
    const c = await chat();
    await c.say(`${IN_TRANSIT_30H} 快递到哪了`);
    expect(c.last).toContain('申通快递');
    expect(c.last).toContain('已揽收');
    expect(c.buttons).toContain('物流太慢');
  });

  it('not delivered upstairs: we arrange it with the courier', async () => {
    const c = await chat();
    await c.say(`${IN_TRANSIT_30H} 查物流`);
    await c.click('不送上门');
    expect(c.last).toContain('送货上门');
  });

  it('slow but within the normal time: expected time, no absolute promise (R30)', async () => {
    const c = await chat();
    await c.say(`${IN_TRANSIT_30H} 查物流`);
    await c.click('物流太慢');
    expect(c.last).toContain('正常时效内');
    expect(c.last).toContain('以快递为准');
  });

  it('slow beyond the normal time: apology and a person arranges compensation', async () => {
    const c = await chat();
    await c.say(`${SHIPPED_100H} 物流怎么这么慢`);
    await c.click('物流太慢');
    expect(c.last).toContain('超过了正常的3天');
    expect(c.last).toContain('人工客服');
  });

  it('out of the courier area: contact the courier, switch or reship', async () => {
    const c = await chat();
    await c.say(`${IN_TRANSIT_30H} 查物流`);
    await c.click('超区');
    expect(c.last).toContain('换一家快递');
  });

  it('signed but not received: check for a stand-in first; found → glad', async () => {
    const c = await chat();
    await c.say(`${SIGNED_48H} 显示签收了但我没收到`);
    expect(c.last).toContain('代收');
    await c.click('找到了');
    expect(c.last).toContain('太好了');
  });

  it('signed but not received, no stand-in: R17 72 h and a person follows up', async () => {
    const c = await chat();
    await c.say(`${SIGNED_48H} 显示签收了但我没收到`);
    await c.click('还是没有');
    expect(c.last).toContain('72小时内处理');
    expect(c.last).toContain('人工客服');
  });

  it('"not received" while still in transit: not delivered yet', async () => {
    const c = await chat();
    await c.say(`${IN_TRANSIT_30H} 一直没收到货`);
    expect(c.last).toContain('还在路上');
  });

  it('not shipped yet: hands over to F7', async () => {
    const c = await chat();
    await c.say(`${UNSHIPPED} 物流到哪了`);
    expect(c.last).toContain('还没发货');
    expect(c.last).toMatch(/前发出/);
  });

  it('nothing wrong after all', async () => {
    const c = await chat();
    await c.say(`${IN_TRANSIT_30H} 查物流`);
    await c.click('没问题了');
    expect(c.last).toContain('太好了');
  });
});

describe('a parcel with no tracking progress for days (tb_buyer_007: shipped 5 days ago, one scan)', () => {
  it('"物流太慢": we chase the courier, and 仅退款 while in transit is offered, not just "wait"', async () => {
    const c = await chat('tb_buyer_007');
    await c.say('快递好几天没动了');
    await c.say('太慢了');
    expect(c.last).toContain('5天没有新的物流记录');
    expect(c.last).toContain('联系快递');
    expect(c.last).toContain('仅退款');
    expect(c.last).not.toContain('再耐心等一等');
  });

  it('"没收到货", not signed, stalled: the same options', async () => {
    const c = await chat('tb_buyer_007');
    await c.say('一直没收到货');
    expect(c.last).toContain('仅退款');
    expect(c.last).toContain('未收到货');
  });
});
