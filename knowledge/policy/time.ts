/**
 * Time in Asia/Shanghai. China has kept UTC+8 without daylight saving since 1991, so a fixed
 * offset is exact and needs no time-zone database.
 */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const SHANGHAI_OFFSET = '+08:00';

/** When the platform knows the exact moment of signing, or only the calendar day (R1). */
export type SignTime = { kind: 'exact'; at: Date } | { kind: 'date'; date: string };

/** 00:00 Asia/Shanghai of the day after `date` (YYYY-MM-DD). */
export function startOfNextDay(date: string): Date {
  return new Date(new Date(`${date}T00:00:00${SHANGHAI_OFFSET}`).getTime() + DAY);
}

export const addHours = (at: Date, hours: number): Date => new Date(at.getTime() + hours * HOUR);
export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY);

/** Minutes since 00:00 Asia/Shanghai. */
export function shanghaiMinuteOfDay(at: Date): number {
  const shifted = new Date(at.getTime() + 8 * HOUR);
  return shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
}

export const parseClock = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls in [start, end) on the Shanghai clock; spans may wrap past midnight. */
export function inDailySpan(at: Date, span: { start: string; end: string }): boolean {
  const minute = shanghaiMinuteOfDay(at);
  const start = parseClock(span.start);
  const end = parseClock(span.end);
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** The next moment at or after `at` when the Shanghai clock reads `hhmm`. */
export function nextClockTime(at: Date, hhmm: string): Date {
  const deltaMinutes = (parseClock(hhmm) - shanghaiMinuteOfDay(at) + 1440) % 1440;
  const minuteStart = at.getTime() - (at.getTime() % 60_000);
  return new Date(minuteStart + deltaMinutes * 60_000);
}

/** The Shanghai calendar day of a moment, "YYYY-MM-DD". */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 10);
}
