import { describe, expect, it } from 'vitest';
import { chat } from '../support/transcript.js';

const UNPAID = '3289114476201230001';
const NOT_PRINTED = '3289114476201230002';
const PRINTED = '3289114476201230003';
const SHIPPED = '3289114476201230006';
const SIGNED = '3289114476201230004';
const FINISHED = '3289114476201230007';

describe('F8 modify order, by print and ship state', () => {
  it.each([
    [UNPAID, '直接在订单里修改'],
    [NOT_PRINTED, '直接帮您改'],
    [PRINTED, '先作废原单再重新审核'],
    [SHIPPED, '联系快递改派'],
  ])('%s → %s, then the change is recorded for the agents', async (tid, answer) => {
    const c = await chat();
    await c.say(`${tid} 地址写错了要改`);
    expect(c.last).toContain(answer);
    await c.say('改到杭州市滨江区江南大道1号');
    expect(c.last).toContain('修改要求已经记下');
  });
});

describe('F9 invoice', () => {
  it('records kind, title and tax id; issued after confirming receipt (R28)', async () => {
    const c = await chat();
    await c.say(`${SIGNED} 能开发票吗`);
    await c.click('增值税专用发票');
    expect(c.last).toContain('抬头');
    await c.say('杭州小满科技有限公司');
    expect(c.last).toContain('税号');
    await c.say('91330100MA2XXXXXX1');
    expect(c.last).toContain('增值税专用发票，抬头「杭州小满科技有限公司」，金额¥199.00');
    expect(c.last).toContain('确认收货后');
  });

  it('a finished trade: issued within the working days, no receipt to wait for', async () => {
    const c = await chat();
    await c.say(`${FINISHED} 开票`);
    await c.click('电子普通发票');
    await c.say('张小满');
    await c.say('无');
    expect(c.last).toMatch(/会在3个工作日内开好/);
    expect(c.last).not.toContain('确认收货后');
  });

  it('buyer text in a title is shown as text, never markup', async () => {
    const c = await chat();
    await c.say(`${SIGNED} 开发票`);
    await c.click('电子普通发票');
    await c.say('<img src=x onerror=alert(1)>');
    await c.say('无');
    expect(c.last).toContain('<img src=x onerror=alert(1)>'); // unescaped for display by the test client
  });
});
