/**
 * The shop's numbers over a range of days, from the day counters: 自动解决率, 转人工率,
 * satisfaction, 催付 conversion, top intents, per-flow drop-off. Pure.
 */
import { OUTCOMES, type OutcomeKind } from './outcome.js';
import { RATINGS } from './satisfaction.js';

export interface DayCount {
  date: string;
  conversations: number;
  resolved: number;
  handedOff: number;
}

export interface InsightsReport {
  from: string;
  to: string;
  conversations: number;
  outcomes: Record<OutcomeKind, number>;
  /** Share of conversations the bot saw through without a person (resolved, and reminded then paid); null with no conversations. */
  resolutionRate: number | null;
  handoffRate: number | null;
  handoffsByRung: Record<string, number>;
  satisfaction: { answers: number; byRating: Record<string, number>; satisfiedRate: number | null; average: number | null };
  reminders: { sent: number; paid: number; conversion: number | null };
  unanswered: Record<string, number>;
  topIntents: { intent: string; conversations: number }[];
  flows: { flow: string; conversations: number; abandoned: number; leftAt: { step: string; count: number }[] }[];
  days: DayCount[];
}

/** "2026-11-20".."2026-11-23" → each day; both ends included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

const rate = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 1000);

/** Fields with this prefix, by the rest of their name. */
function byPrefix(counters: Record<string, number>, prefix: string): Record<string, number> {
  return Object.fromEntries(Object.entries(counters).flatMap(([field, n]) => (field.startsWith(prefix) ? [[field.slice(prefix.length), n]] : [])));
}

export function buildReport(from: string, to: string, perDay: Record<string, number>[], topIntents = 10): InsightsReport {
  const total: Record<string, number> = {};
  for (const day of perDay) for (const [field, n] of Object.entries(day)) total[field] = (total[field] ?? 0) + n;
  const get = (field: string) => total[field] ?? 0;
  const conversations = get('conversations');
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, get(`outcome:${o}`)])) as Record<OutcomeKind, number>;
  const byRating = Object.fromEntries(RATINGS.map((r) => [String(r), get(`rating:${r}`)]));
  const answers = RATINGS.reduce((s, r) => s + get(`rating:${r}`), 0);
  const ratingSum = RATINGS.reduce((s, r) => s + r * get(`rating:${r}`), 0);
  const dropoffs = byPrefix(total, 'dropoff:');
  const flowNames = new Set([...Object.keys(byPrefix(total, 'flow:')), ...Object.keys(dropoffs).map((k) => k.split(':')[0]!)]);
  const flows = [...flowNames]
    .map((flow) => {
      const leftAt = Object.entries(dropoffs)
        .filter(([k]) => k.startsWith(`${flow}:`))
        .map(([k, count]) => ({ step: k.slice(flow.length + 1), count }))
        .sort((a, b) => b.count - a.count || a.step.localeCompare(b.step));
      return { flow, conversations: get(`flow:${flow}`), abandoned: leftAt.reduce((s, l) => s + l.count, 0), leftAt };
    })
    .sort((a, b) => b.abandoned - a.abandoned || b.conversations - a.conversations || a.flow.localeCompare(b.flow));
  const dates = daysBetween(from, to);
  const sent = get('reminders:sent');
  const paid = get('reminders:paid');
  return {
    from,
    to,
    conversations,
    outcomes,
    resolutionRate: rate(outcomes.resolved + outcomes.reminded_paid, conversations),
    handoffRate: rate(outcomes.handed_off, conversations),
    handoffsByRung: byPrefix(total, 'handoff:'),
    satisfaction: { answers, byRating, satisfiedRate: rate(get('rating:3'), answers), average: answers ? Math.round((ratingSum / answers) * 100) / 100 : null },
    reminders: { sent, paid, conversion: rate(paid, sent) },
    unanswered: byPrefix(total, 'unanswered:'),
    topIntents: Object.entries(byPrefix(total, 'intent:'))
      .map(([intent, n]) => ({ intent, conversations: n }))
      .sort((a, b) => b.conversations - a.conversations || a.intent.localeCompare(b.intent))
      .slice(0, topIntents),
    flows,
    days: perDay.map((day, i) => ({
      date: dates[i]!,
      conversations: day.conversations ?? 0,
      resolved: (day['outcome:resolved'] ?? 0) + (day['outcome:reminded_paid'] ?? 0),
      handedOff: day['outcome:handed_off'] ?? 0,
    })),
  };
}
