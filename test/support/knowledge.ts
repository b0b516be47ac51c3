import { loadKnowledge } from '../../knowledge/loader.js';
import { KNOWLEDGE_DIR } from '../../knowledge/paths.js';

export const kb = await loadKnowledge(KNOWLEDGE_DIR);

/** A Shanghai wall-clock time, e.g. at('2026-11-20 23:59'). */
export const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);
export const hoursAfter = (start: Date, hours: number): Date => new Date(start.getTime() + hours * 3_600_000);
