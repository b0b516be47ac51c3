/**
 * Values from outside (buyer text, order titles, agent input) are escaped before they reach a
 * template, so they can carry neither markup (HTML in Web Chat or the agent console) nor
 * Markdown links, code or emphasis (Web Chat renders messages as Markdown; `_` is left alone so
 * enum codes and ids pass through unchanged, and it cannot form a link). Templates are compiled once from our own
 * files; a value is only ever data, so `{{` in it stays literal text.
 */
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeText(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML[c]!).replace(/[\\`*[\]#|~]/g, (c) => `\\${c}`);
}

/** Escapes every string inside plain data; Dates, numbers and booleans pass through. */
export function escapeData<T>(data: T): T {
  if (typeof data === 'string') return escapeText(data) as T;
  if (Array.isArray(data)) return data.map(escapeData) as T;
  if (data && typeof data === 'object' && !(data instanceof Date)) {
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, escapeData(v)])) as T;
  }
  return data;
}

/** For plain-text displays (terminal chat): undo escapeText. */
export function unescapeText(value: string): string {
  return value
    .replace(/\\([\\`*[\]#|~])/g, '$1')
    .replace(/&(amp|lt|gt|quot|#39);/g, (m) => Object.entries(HTML).find(([, e]) => e === m)![0]);
}
