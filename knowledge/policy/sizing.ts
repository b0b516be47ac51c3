/**
 * Size advice from an item's size chart (knowledge/catalogue/<itemId>.yaml `sizeChart`): height
 * and weight → clothing size, foot length → shoe size. One size when the measurements fall in
 * one row; two when they fall between rows or on a shared boundary, with the looser and the
 * tighter choice; "outside the chart" beyond its first or last row. Never a guess: height and
 * weight pointing to sizes two or more apart is a `mismatch` for a person to judge.
 */
import type { BodySizeRow, FootSizeRow, SizeChart } from '../schema.js';

export type Measure = 'heightCm' | 'weightKg' | 'footLengthMm';
export type Measurements = { heightCm?: number; weightKg?: number } | { footLengthMm: number };
type Row = BodySizeRow | FootSizeRow;

export type SizeAdvice =
  | { kind: 'size'; size: string; row: Row; basedOn: Measure[]; fit?: string }
  | {
      kind: 'between';
      /** Smaller first. */
      sizes: [string, string];
      rows: [Row, Row];
      /** The larger size fits looser, the smaller tighter. */
      looser: string;
      tighter: string;
      /** The shop's own advice for buyers between two sizes (chart `whenBetween`), if it gave one. */
      recommended?: string;
      basedOn: Measure[];
      fit?: string;
    }
  | { kind: 'outside'; measure: Measure; direction: 'below' | 'above'; value: number; smallest: string; largest: string }
  | { kind: 'mismatch'; bySize: Partial<Record<Measure, string[]>> }
  /** Foot length for a clothing chart, height for a shoe chart, or nothing given. */
  | { kind: 'not_applicable'; reason: 'no_measurements' | 'wrong_measurements' };

type Position = { kind: 'rows'; indexes: number[] } | { kind: 'outside'; direction: 'below' | 'above' };

/** Where one measurement falls among the chart's rows (only rows that give that measure). */
function position(rows: Row[], measure: Measure, value: number): Position | undefined {
  const ranged = rows.map((row, i) => ({ i, range: (row as Partial<Record<Measure, [number, number]>>)[measure] })).filter((r) => r.range !== undefined);
  if (ranged.length === 0) return undefined;
  const inside = ranged.filter((r) => value >= r.range![0] && value <= r.range![1]).map((r) => r.i);
  if (inside.length > 0) return { kind: 'rows', indexes: inside };
  if (value < ranged[0]!.range![0]) return { kind: 'outside', direction: 'below' };
  if (value > ranged.at(-1)!.range![1]) return { kind: 'outside', direction: 'above' };
  // In a gap between two rows: between those two sizes.
  const after = ranged.findIndex((r) => value < r.range![0]);
  return { kind: 'rows', indexes: [ranged[after - 1]!.i, ranged[after]!.i] };
}

const sizeOf = (rows: Row[], indexes: number[]) => indexes.map((i) => rows[i]!.size);

export function sizeAdvice(chart: SizeChart, measurements: Measurements): SizeAdvice {
  const given = (Object.entries(measurements) as [Measure, number | undefined][]).filter((m): m is [Measure, number] => typeof m[1] === 'number');
  if (given.length === 0) return { kind: 'not_applicable', reason: 'no_measurements' };
  const applicable: Measure[] = chart.kind === 'body' ? ['heightCm', 'weightKg'] : ['footLengthMm'];
  if (given.some(([m]) => !applicable.includes(m))) return { kind: 'not_applicable', reason: 'wrong_measurements' };

  const rows: Row[] = chart.rows;
  const positions: [Measure, number[]][] = [];
  for (const [measure, value] of given) {
    const pos = position(rows, measure, value);
    if (!pos) continue; // the chart does not give this measure: judged by the others
    if (pos.kind === 'outside') return { kind: 'outside', measure, direction: pos.direction, value, smallest: rows[0]!.size, largest: rows.at(-1)!.size };
    positions.push([measure, pos.indexes]);
  }
  if (positions.length === 0) return { kind: 'not_applicable', reason: 'wrong_measurements' };

  const basedOn = positions.map(([m]) => m);
  const [first, ...rest] = positions.map(([, indexes]) => indexes);
  const common = first!.filter((i) => rest.every((other) => other.includes(i)));
  const candidates = common.length > 0 ? common : [...new Set(positions.flatMap(([, indexes]) => indexes))];
  const low = Math.min(...candidates);
  const high = Math.max(...candidates);
  const fit = chart.fit;
  if (low === high) return { kind: 'size', size: rows[low]!.size, row: rows[low]!, basedOn, fit };
  if (high - low === 1) {
    const [tighter, looser] = [rows[low]!.size, rows[high]!.size];
    const recommended = chart.whenBetween === 'larger' ? looser : chart.whenBetween === 'smaller' ? tighter : undefined;
    return { kind: 'between', sizes: [tighter, looser], rows: [rows[low]!, rows[high]!], looser, tighter, recommended, basedOn, fit };
  }
  return { kind: 'mismatch', bySize: Object.fromEntries(positions.map(([m, indexes]) => [m, sizeOf(rows, indexes)])) };
}

/** "m", "M码", " M " → "M"; "40码", "40号" → "40". */
export const normalSize = (size: string): string =>
  size
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/[码號号]$/, '');

/** The chart's row for a size as a buyer or a SKU names it. */
export function sizeRow(chart: SizeChart, size: string): Row | undefined {
  const wanted = normalSize(size);
  return (chart.rows as Row[]).find((r) => normalSize(r.size) === wanted);
}
