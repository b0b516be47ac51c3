/** zh-CN formatting of money, durations and dates (Asia/Shanghai). */
import type { Fen } from '../knowledge/policy/money.js';

/** 19900 → "¥199.00" */
export function formatMoney(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 19900 → "199", 4990 → "49.90": yuan as the shop writes them in a phrase (满199减20, 另加12元). */
export function formatYuan(fen: Fen): string {
  return fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
}

/** 71 h → "2天23小时"; under a day "5小时12分钟"; under an hour "12分钟". Rounds down. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return mins > 0 ? `${hours}小时${mins}分钟` : `${hours}小时`;
  return `${Math.max(mins, 1)}分钟`;
}

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "11月25日 14:30" (or "11月25日" with dateOnly). */
export function formatDate(at: Date | string, options: { dateOnly?: boolean } = {}): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  const parts = Object.fromEntries(dateTime.formatToParts(d).map((p) => [p.type, p.value]));
  const day = `${parts.month}月${parts.day}日`;
  return options.dateOnly ? day : `${day} ${parts.hour}:${parts.minute}`;
}
