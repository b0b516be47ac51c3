import { describe, expect, it } from 'vitest';
import { clusterQuestions } from '../../bot/insights/clusters.js';

const asked = (texts: Record<string, number>) => Object.entries(texts).map(([text, count]) => ({ text, count }));

describe('clusterQuestions', () => {
  it('groups the ways buyers ask one thing, led by the most asked wording, biggest cluster first', () => {
    const clusters = clusterQuestions(
      asked({
        '能用微信支付吗': 3,
        '可以微信付款吗': 2,
        '支持微信支付不': 1,
        '有没有情侣款': 4,
        '情侣款有吗': 1,
        '你们店在哪个城市有实体店': 1,
      }),
    );
    expect(clusters.map((c) => [c.label, c.count, c.examples.length])).toEqual([
      ['能用微信支付吗', 6, 3],
      ['有没有情侣款', 5, 2],
      ['你们店在哪个城市有实体店', 1, 1],
    ]);
    expect(clusters[0]!.examples.map((e) => e.text)).toEqual(['能用微信支付吗', '可以微信付款吗', '支持微信支付不']);
  });

  it('ignores masked personal data when comparing: two orders asked about the same way are one question', () => {
    const clusters = clusterQuestions(asked({ '[订单号]能改成顺丰到付吗': 1, '能改顺丰到付吗 [订单号]': 1, '[手机号]是我老公的号': 1 }));
    expect(clusters.map((c) => c.count)).toEqual([2, 1]);
  });

  it('nothing asked, nothing clustered', () => {
    expect(clusterQuestions([])).toEqual([]);
  });
});
