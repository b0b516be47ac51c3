/**
 * FAQ answers a supervisor adds from /insights, on top of knowledge/faq/: kept in Redis with a
 * version (memory without Redis), applied at once to this process's FAQ index and, through a
 * pub/sub notice carrying the new version, to every other process's. Exportable as a
 * knowledge/faq/*.yaml file (the format kb:check validates) to keep in the shop's knowledge.
 */
import { stringify } from 'yaml';
import type { Faq } from '../../knowledge/faq.js';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import { faqEntrySchema, type FaqEntry } from '../../knowledge/schema.js';
import { faqFile } from '../../knowledge/source.js';
import type { Logger } from '../logger.js';
import { createSubscriber, type RedisConnection } from '../state/redisClient.js';

export interface AddedFaq {
  entry: FaqEntry;
  addedBy: string;
  addedAt: string;
}

export interface OverlayState {
  version: number;
  added: AddedFaq[];
}

export interface FaqOverlayStore {
  load(): Promise<OverlayState>;
  /** Stores the entry (replacing one with its id) and returns the new version. */
  add(added: AddedFaq): Promise<number>;
  /** Calls `changed` when another process (or this one) added an entry. */
  watch(changed: () => void): void;
  close(): Promise<void>;
}

/** The file an export is meant to be saved as. */
export const EXPORT_FILE = 'added.yaml';

export class MemoryFaqOverlayStore implements FaqOverlayStore {
  private state: OverlayState = { version: 0, added: [] };
  async load() {
    return structuredClone(this.state);
  }
  async add(added: AddedFaq) {
    this.state = { version: this.state.version + 1, added: [...this.state.added.filter((a) => a.entry.id !== added.entry.id), added] };
    return this.state.version;
  }
  watch() {} // one process: add() already applied it
  async close() {}
}

export class RedisFaqOverlayStore implements FaqOverlayStore {
  private readonly entriesKey: string;
  private readonly versionKey: string;
  private readonly channel: string;
  private subscriber?: RedisConnection;

  constructor(
    private readonly redis: RedisConnection,
    prefix: string,
  ) {
    // One hash tag: the entries and their version change together (MULTI), on one Cluster slot.
    this.entriesKey = `${prefix}{insights:faq}:entries`;
    this.versionKey = `${prefix}{insights:faq}:version`;
    this.channel = `${prefix}insights:faq:changed`;
  }

  async load() {
    const [[, hash], [, version]] = (await this.redis.multi().hgetall(this.entriesKey).get(this.versionKey).exec()) as [[null, Record<string, string>], [null, string | null]];
    const added = Object.values(hash)
      .map((json) => JSON.parse(json) as AddedFaq)
      .sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.entry.id.localeCompare(b.entry.id));
    return { version: Number(version ?? 0), added };
  }

  async add(added: AddedFaq) {
    const results = await this.redis.multi().hset(this.entriesKey, added.entry.id, JSON.stringify(added)).incr(this.versionKey).exec();
    const version = Number(results![1]![1]);
    await this.redis.publish(this.channel, String(version));
    return version;
  }

  watch(changed: () => void) {
    this.subscriber = createSubscriber(this.redis);
    void this.subscriber.subscribe(this.channel).catch(() => {});
    this.subscriber.on('message', () => changed());
  }

  async close() {
    this.subscriber?.disconnect();
  }
}

/**
 * The answer of an entry added from /insights that matches `text`: such an entry was made from
 * messages the recognizer did not understand, so it answers them even where no intent routes to
 * the FAQ. (Shipped entries keep answering only pre-sales questions, as before.)
 */
export function addedFaqAnswer(knowledge: KnowledgeBase, text: string): string | undefined {
  const hit = knowledge.faq.answer(text);
  return hit?.entry.file === faqFile(EXPORT_FILE) ? hit.entry.answer : undefined;
}

export class FaqOverlay {
  private current: OverlayState = { version: 0, added: [] };
  private readonly base: Faq;

  constructor(
    private readonly store: FaqOverlayStore,
    private readonly knowledge: KnowledgeBase,
    private readonly logger: Logger,
  ) {
    this.base = knowledge.faq;
  }

  /** The version this process answers with. */
  get version(): number {
    return this.current.version;
  }

  get added(): AddedFaq[] {
    return this.current.added;
  }

  /** Loads the overlay and keeps following other processes' additions. */
  async start(): Promise<void> {
    this.store.watch(() => void this.refresh().catch((err: Error) => this.logger.warn({ err: err.message }, 'FAQ overlay reload failed')));
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const state = await this.store.load();
    // Notices may arrive out of order; an older state never replaces a newer one.
    if (state.version < this.current.version) return;
    this.current = state;
    this.knowledge.faq = this.base.with(state.added.map(({ entry }, index) => ({ ...entry, file: faqFile(EXPORT_FILE), index })));
  }

  async add(entry: FaqEntry, addedBy: string, now: Date): Promise<{ added: AddedFaq; version: number }> {
    const added = { entry: faqEntrySchema.parse(entry), addedBy, addedAt: now.toISOString() };
    const version = await this.store.add(added);
    await this.refresh();
    this.logger.info({ faqId: entry.id, addedBy, version }, 'FAQ entry added');
    return { added, version };
  }

  /** The added entries as a knowledge/faq/ file. */
  exportYaml(): string {
    const header = `# FAQ entries added from /insights (version ${this.current.version}). Save as knowledge/faq/${EXPORT_FILE}; npm run kb:check validates it.\n`;
    return header + stringify(this.current.added.map((a) => a.entry));
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
