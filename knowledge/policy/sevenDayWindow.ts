import type { KnowledgeBase } from '../knowledgeBase.js';
import type { Cited } from './decision.js';
import { addHours, startOfNextDay, type SignTime } from './time.js';

export interface SevenDayWindow extends Cited {
  startsAt: Date;
  endsAt: Date;
  /** Open while now < endsAt: at exactly 168 h the window has closed ("满168小时为七天"). */
  open: boolean;
  remainingMs: number;
}

/**
 * R1: 168 hours from the exact signing moment, or, when only the date of signing is known,
 * from 00:00 of the following day.
 */
export function sevenDayWindow(kb: KnowledgeBase, signed: SignTime, now: Date): SevenDayWindow {
  const { windowHours, dateOnlyCountsFromNextDay } = kb.rules.params('R1', now);
  const startsAt =
    signed.kind === 'exact' ? signed.at : dateOnlyCountsFromNextDay ? startOfNextDay(signed.date) : new Date(`${signed.date}T00:00:00+08:00`);
  const endsAt = addHours(startsAt, windowHours);
  const remainingMs = Math.max(0, endsAt.getTime() - now.getTime());
  return { startsAt, endsAt, open: remainingMs > 0, remainingMs, ruleIds: ['R1'] };
}
