/** The item in view: the shop page's, a pasted id, a title named; the one before it kept for comparisons. */
import { describe, expect, it } from 'vitest';
import { pageItemOf, viewItems } from '../../dialogs/itemInView.js';
import { newConversationData } from '../../dialogs/turnContext.js';
import type { Recognition } from '../../bot/nlu/types.js';
import { kb } from '../support/knowledge.js';

const said = (text: string, itemIds: string[] = []): Recognition =>
  ({ text, intent: 'product_question', confidence: 0.9, ranking: [], entities: { orderIds: [], itemIds, phones: [], links: [], negation: false, stopReminders: false } }) as Recognition;

describe('pageItemOf', () => {
  it.each([
    [{ itemId: 'item_tee' }, 'item_tee'],
    [{ itemId: '681250339472' }, '681250339472'],
    [{ itemId: '<script>' }, undefined],
    [{ itemId: 'x'.repeat(65) }, undefined],
    [{ itemId: 42 }, undefined],
    [undefined, undefined],
  ])('channelData %j → %s', (channelData, expected) => {
    expect(pageItemOf({ channelData })).toBe(expected);
  });
});

describe('viewItems', () => {
  it('the page\'s item comes into view once; an item the buyer names since is not taken back', () => {
    const data = newConversationData();
    expect(viewItems(data, kb, 'item_tee', said('在吗'))).toBe('item_tee');
    expect(viewItems(data, kb, 'item_tee', said('卫衣有黑色吗'))).toBe('681250339472');
    expect(data.previousItem).toBe('item_tee');
    // The page still says item_tee: the hoodie the buyer named stays in view.
    expect(viewItems(data, kb, 'item_tee', said('L码还有吗'))).toBeUndefined();
    expect(data.itemInView).toBe('681250339472');
    // Another page: its item.
    expect(viewItems(data, kb, '759013662355', said('多大容量'))).toBe('759013662355');
  });

  it('a pasted item id wins over a title mention', () => {
    const data = newConversationData();
    expect(viewItems(data, kb, undefined, said('681250339472 和T恤比呢', ['681250339472']))).toBe('681250339472');
  });
});
