import { describe, expect, it } from 'vitest';
import { clockTimeIn, measurementsIn, promotionAnswer, shippingAnswer } from '../../dialogs/presaleAnswers.js';
import { Templates } from '../../templates/templates.js';
import { at, kb } from '../support/knowledge.js';

describe('clockTimeIn: the time of day a buyer says they pay', () => {
  const morning = at('2026-11-23 10:00');
  it.each([
    ['下午5点付款今天能发吗', '2026-11-23 17:00'],
    ['晚上8点半拍的', '2026-11-23 20:30'],
    ['15:30付款', '2026-11-23 15:30'],
    ['中午12点拍', '2026-11-23 12:00'],
    ['上午9点付的', '2026-11-23 09:00'],
  ])('%s → %s', (text, expected) => {
    expect(clockTimeIn(text, morning)?.at).toEqual(at(expected));
  });

  it.each(['今天能发吗', '买3件', '25点付款'])('%s: no time of day', (text) => {
    expect(clockTimeIn(text, morning)).toBeUndefined();
  });

});

describe('measurementsIn: body and foot measurements as buyers type them', () => {
  it.each([
    ['170 65kg穿什么码', { heightCm: 170, weightKg: 65 }],
    ['175cm 130斤', { heightCm: 175, weightKg: 65 }],
    ['身高168 体重55', { heightCm: 168, weightKg: 55 }],
    ['一米七 60公斤', { heightCm: 170, weightKg: 60 }],
    ['1米75 140斤', { heightCm: 175, weightKg: 70 }],
    ['170 65', { heightCm: 170, weightKg: 65 }],
    ['681250339472 170 65kg', { heightCm: 170, weightKg: 65 }],
    ['脚长255mm', { footLengthMm: 255 }],
    ['脚长25.5cm穿多大', { footLengthMm: 255 }],
    ['体重120斤', { weightKg: 60 }],
    ['宝宝68公分 8公斤', { heightCm: 68, weightKg: 8 }],
  ])('%s', (text, expected) => {
    expect(measurementsIn(text)).toEqual(expected);
  });

  it.each(['穿什么码', '681250339472 穿多大', 'M码和L码有什么区别', '平时穿42码'])('none in "%s"', (text) => {
    expect(measurementsIn(text)).toBeUndefined();
  });
});

const deps = { templates: await Templates.load(), knowledge: kb };

describe('answers that depend on the moment and the place', () => {
  it('names the activity running at that moment (双11), and none outside it', () => {
    expect(promotionAnswer(deps, '有活动吗', at('2026-11-05 12:00')).sentences.join()).toContain('双11');
    expect(promotionAnswer(deps, '有活动吗', at('2026-11-15 12:00')).sentences.join()).not.toContain('2026年双11');
  });

  it('a payment time named: the same day before the cut-off (16:00), the next day after it', () => {
    expect(shippingAnswer(deps, '下午5点付款今天还能发吗', at('2026-11-23 10:00')).sentences.join()).toContain('下午5点付款的话过了今天的截单时间，第二天发出');
    expect(shippingAnswer(deps, '下午3点付款今天能发吗', at('2026-11-23 10:00')).sentences.join()).toContain('下午3点付款的话当天就能发出');
  });

  it('without a place, gives the general delivery times', () => {
    const answer = shippingAnswer(deps, '一般几天能到', at('2026-11-23 10:00'));
    expect(answer.sentences.join()).toMatch(/天/);
    expect(answer.handOff).toBe(false);
  });
});
