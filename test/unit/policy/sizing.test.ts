import { describe, expect, it } from 'vitest';
import { sizeAdvice, sizeRow, type Measurements, type SizeAdvice } from '../../../knowledge/policy/sizing.js';
import type { SizeChart } from '../../../knowledge/schema.js';
import { kb } from '../../support/knowledge.js';

const chart = (itemId: string): SizeChart => kb.catalogue.sizeChart(itemId)!.value;
const tee = chart('item_tee'); // S 155–163/45–52 · M 163–170/52–60 · L 170–176/60–68 · XL 176–182/68–76 · XXL 182–188/76–85; between → larger
const canvas = chart('702918845361'); // 36–42, 5 mm a size; between → smaller
const sneaker = chart('item_sneaker'); // 39–43; between → larger

const summary = (a: SizeAdvice): string => {
  switch (a.kind) {
    case 'size':
      return a.size;
    case 'between':
      return `${a.tighter}|${a.looser}${a.recommended ? `→${a.recommended}` : ''}`;
    case 'outside':
      return `outside ${a.measure} ${a.direction}`;
    case 'mismatch':
      return `mismatch ${JSON.stringify(a.bySize)}`;
    case 'not_applicable':
      return a.reason;
  }
};

describe('sizeAdvice: clothing by height and weight', () => {
  it.each<[string, Measurements, string]>([
    ['170 cm / 65 kg (the issue\'s buyer): height says M|L, weight says L', { heightCm: 170, weightKg: 65 }, 'L'],
    ['170 cm / 58 kg: weight decides M', { heightCm: 170, weightKg: 58 }, 'M'],
    ['165 cm / 55 kg', { heightCm: 165, weightKg: 55 }, 'M'],
    ['163 cm / 52 kg: on both boundaries of S and M', { heightCm: 163, weightKg: 52 }, 'S|M→M'],
    ['176 cm / 68 kg: between L and XL', { heightCm: 176, weightKg: 68 }, 'L|XL→XL'],
    ['172 cm / 70 kg: height L, weight XL', { heightCm: 172, weightKg: 70 }, 'L|XL→XL'],
    ['height only: 160 cm', { heightCm: 160 }, 'S'],
    ['weight only: 80 kg', { weightKg: 80 }, 'XXL'],
    ['175 cm / 50 kg: tall and light, sizes apart', { heightCm: 175, weightKg: 50 }, 'mismatch {"heightCm":["L"],"weightKg":["S"]}'],
    ['150 cm: below the chart', { heightCm: 150, weightKg: 45 }, 'outside heightCm below'],
    ['190 cm / 90 kg: above the chart', { heightCm: 190, weightKg: 90 }, 'outside heightCm above'],
    ['178 cm / 95 kg: weight above the chart', { heightCm: 178, weightKg: 95 }, 'outside weightKg above'],
    ['foot length for a T恤', { footLengthMm: 250 }, 'wrong_measurements'],
    ['nothing given', {}, 'no_measurements'],
  ])('%s → %s', (_name, m, expected) => {
    expect(summary(sizeAdvice(tee, m))).toBe(expected);
  });

  it('gives the rows and the fit note with the answer', () => {
    const advice = sizeAdvice(tee, { heightCm: 170, weightKg: 65 });
    expect(advice).toMatchObject({ kind: 'size', basedOn: ['heightCm', 'weightKg'], fit: tee.fit, row: { size: 'L', garment: { 衣长: 72 } } });
  });

  it('the baby romper by baby height and weight', () => {
    expect(summary(sizeAdvice(chart('681250339518'), { heightCm: 70, weightKg: 8 }))).toBe('73');
  });

  it('between two rows with a gap: both neighbours, no recommendation when the shop gave none', () => {
    const gapped: SizeChart = {
      kind: 'body',
      property: '尺码',
      rows: [
        { size: 'S', heightCm: [150, 160] },
        { size: 'M', heightCm: [165, 175] },
      ],
    };
    expect(sizeAdvice(gapped, { heightCm: 162 })).toMatchObject({ kind: 'between', sizes: ['S', 'M'], looser: 'M', tighter: 'S', recommended: undefined });
  });
});

describe('sizeAdvice: shoes by foot length', () => {
  it.each<[string, SizeChart, number, string]>([
    ['252 mm in the running shoe', sneaker, 252, '41'],
    ['250 mm: 40 or 41, the shop says go larger', sneaker, 250, '40|41→41'],
    ['250 mm in the canvas shoe, which runs large: go smaller', canvas, 250, '40|41→40'],
    ['238 mm: below the running shoe\'s chart', sneaker, 238, 'outside footLengthMm below'],
    ['270 mm: above it', sneaker, 270, 'outside footLengthMm above'],
  ])('%s → %s', (_name, c, mm, expected) => {
    expect(summary(sizeAdvice(c, { footLengthMm: mm }))).toBe(expected);
  });

  it('height for a shoe chart is not applicable', () => {
    expect(sizeAdvice(sneaker, { heightCm: 170 })).toEqual({ kind: 'not_applicable', reason: 'wrong_measurements' });
  });
});

describe('sizeRow', () => {
  it.each([
    ['m码', 'M'],
    [' XL ', 'XL'],
    ['xxl', 'XXL'],
  ])('%s is the row %s', (given, size) => {
    expect(sizeRow(tee, given)?.size).toBe(size);
  });
  it('40码 in a shoe chart, and nothing for a size it lacks', () => {
    expect(sizeRow(sneaker, '40码')?.size).toBe('40');
    expect(sizeRow(sneaker, '45')).toBeUndefined();
  });
});
