/**
 * Finding the fact a question is about (knowledge/factSearch.ts) and the item a message means
 * (Catalogue.itemMeant), table by table over the demo catalogue's own facts.
 */
import { describe, expect, it } from 'vitest';
import { bestFact } from '../../knowledge/factSearch.js';
import { kb } from '../support/knowledge.js';

const facts = [
  { what: '材质', text: '100%棉（新疆长绒棉），面料克重200g/㎡' },
  { what: '厚度', text: '适中，春夏秋都能穿' },
  { what: '洗涤保养', text: '30℃以下水温机洗或手洗，不可烘干' },
  { what: '单片尺寸', text: '200×150mm' },
  { what: '产地', text: '浙江杭州' },
];

describe('bestFact', () => {
  it.each([
    ['能烘干吗', '洗涤保养'],
    ['几克的', '材质'],
    ['有多重', '材质'],
    ['一片多大', '单片尺寸'],
    ['产地在哪', '产地'],
    ['水温多少度洗', '洗涤保养'],
  ])('"%s" → %s', (question, what) => {
    expect(bestFact(question, facts, kb.faq.background)?.fact.what).toBe(what);
  });

  it.each(['能刻字吗', '有甲醛吗', '是进口的吗'])('"%s": no fact holds it', (question) => {
    expect(bestFact(question, facts, kb.faq.background)).toBeUndefined();
  });

  it('a measurement no fact states is not answered by another fact', () => {
    expect(bestFact('几克的', facts.filter((f) => f.what !== '材质'), kb.faq.background)).toBeUndefined();
  });
});

describe('Catalogue.itemMeant', () => {
  it.each([
    ['杯子上有裂纹', '733104958820', '733104958820', 'a general word the tea set in view answers to'],
    ['保温杯能装热水吗', '733104958820', '759013662355', 'another item named by its own name'],
    ['马克杯能刻字吗', '733104958820', 'item_mug', 'another item named by its keyword'],
    ['T恤和卫衣哪个厚', 'item_tee', 'item_tee', 'the item in view is among those named'],
    ['有货吗', 'item_tee', 'item_tee', 'nothing named'],
    ['702918845361有多重', 'item_tee', '702918845361', 'a pasted id'],
  ])('"%s" with %s in view → %s (%s)', (text, inView, meant) => {
    expect(kb.catalogue.itemMeant(text, inView)).toBe(meant);
  });

  it('with nothing in view, the item named', () => {
    expect(kb.catalogue.itemMeant('杯子能刻字吗')).toBe('item_mug');
    expect(kb.catalogue.itemMeant('在吗')).toBeUndefined();
  });
});
