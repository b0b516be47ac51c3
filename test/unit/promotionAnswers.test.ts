/** Promotion questions answered from knowledge/promotions.yaml, limited to what was asked. */
import { describe, expect, it } from 'vitest';
import { promotionsAnswer } from '../../dialogs/promotionAnswers.js';
import { Templates } from '../../templates/templates.js';
import { at, kb } from '../support/knowledge.js';

const deps = { templates: await Templates.load(), knowledge: kb };
const morning = at('2026-11-23 10:00');
const ask = (question: string, itemId?: string) => promotionsAnswer(deps, question, morning, itemId === undefined ? undefined : { itemId }).sentences.join('');

describe('promotionsAnswer at 2026-11-23 10:00', () => {
  it.each([
    // [question, item in view, must contain, must not contain]
    ['满减怎么算', undefined, ['满199减20', '满399减50', '可以累计'], ['优惠券']],
    ['有券吗', '733104958937', ['店铺券 满99减10', '每人限领1张', '7天内有效'], ['满199减20']],
    ['大衣参加满减吗', 'item_coat', ['双面羊毛大衣不参加店铺满减'], []],
    ['有赠品吗', '730415562281', ['满3件送不锈钢山核桃剥壳器一个', '口味可以混拍'], []],
    ['双12啥时候开始', undefined, ['2026年双12', '12月10日 20:00开始'], []],
    ['双11还有吗', undefined, ['2026年双11已经结束了'], []],
    ['明年的618几号开始', undefined, ['2027年618', '5月31日 20:00开始'], ['2026年618']],
    ['价保几天', undefined, ['付款后15天内降价可以退差价', '聚划算'], []],
    ['能便宜点吗', 'item_tee', ['没法单独改价', '满199减20'], []],
  ])('"%s" (item %s)', (question, itemId, wanted, unwanted) => {
    const said = ask(question, itemId);
    for (const w of wanted) expect(said).toContain(w);
    for (const u of unwanted) expect(said).not.toContain(u);
  });

  it('names the evening-only 满减 in the morning, with its hours, for a household item', () => {
    expect(ask('有满减吗', '759013662248')).toMatch(/家居夜场 满99减10（每天20:00-00:00）/);
  });

  it('a general question gets the list without the details', () => {
    const said = ask('有什么活动');
    expect(said).toContain('满199减20');
    expect(said).not.toContain('可以累计');
  });
});
