/**
 * The shop's descriptive content per item (knowledge/catalogue/<itemId>.yaml): attributes, specs,
 * suitability, what is in the box, the size chart and notes comparing items or SKUs. Titles,
 * prices and stock are the order system's (GET /items/{itemId}); this is what the shop writes
 * about them. Every read returns the fact with its source (file + field); a fact that is not in
 * the file is undefined, and the bot says it will ask instead of guessing.
 */
import { simplify } from '../bot/nlu/normalize.js';
import type { Attribute, Audience, CatalogueEntry, CatalogueNote, SizeChart } from './schema.js';
import { catalogueFile, type Source, type Sourced } from './source.js';

const sourced = <T>(value: T, itemId: string, field: string): Sourced<T> => ({ value, source: { file: catalogueFile(itemId), field } });

/** Text as compared for mentions: simplified, lower case, no spaces or punctuation. */
const comparable = (text: string) => simplify(text).toLowerCase().replace(/[^\p{Script=Han}a-z0-9]+/gu, '');

/** Whether a SKU's properties satisfy a note's property filter ({颜色: 黑色}). */
export function skuMatches(filter: Record<string, string>, properties: Record<string, string>): boolean {
  return Object.entries(filter).every(([name, value]) => properties[name] === value);
}

export class Catalogue {
  private readonly byId: Map<string, CatalogueEntry>;
  /** Each item's name and keywords as compared for mentions (mentionedIn runs on every message). */
  private readonly words: { entry: CatalogueEntry; words: string[] }[];

  constructor(entries: CatalogueEntry[]) {
    this.byId = new Map(entries.map((e) => [e.itemId, e]));
    this.words = entries.map((entry) => ({ entry, words: [entry.name, ...entry.keywords].map(comparable).filter(Boolean) }));
  }

  get(itemId: string): CatalogueEntry | undefined {
    return this.byId.get(itemId);
  }

  has(itemId: string): boolean {
    return this.byId.has(itemId);
  }

  /** In item id order. */
  all(): CatalogueEntry[] {
    return [...this.byId.values()].sort((a, b) => a.itemId.localeCompare(b.itemId));
  }

  categories(): string[] {
    return [...new Set(this.all().map((e) => e.category))].sort();
  }

  categoryOf(itemId: string): string | undefined {
    return this.byId.get(itemId)?.category;
  }

  /** Where a field of an item's file is: for citing a fact read some other way. */
  source(itemId: string, field: string): Source {
    return { file: catalogueFile(itemId), field };
  }

  attribute(itemId: string, attribute: Attribute): Sourced<string> | undefined {
    const value = this.byId.get(itemId)?.attributes[attribute];
    return value === undefined ? undefined : sourced(value, itemId, `attributes.${attribute}`);
  }

  /** Every attribute the shop wrote for the item. */
  attributes(itemId: string): Sourced<{ attribute: Attribute; text: string }>[] {
    const entry = this.byId.get(itemId);
    if (!entry) return [];
    return (Object.entries(entry.attributes) as [Attribute, string | undefined][])
      .filter((pair): pair is [Attribute, string] => pair[1] !== undefined)
      .map(([attribute, text]) => sourced({ attribute, text }, itemId, `attributes.${attribute}`));
  }

  spec(itemId: string, name: string): Sourced<string> | undefined {
    const value = this.byId.get(itemId)?.specs[name];
    return value === undefined ? undefined : sourced(value, itemId, `specs.${name}`);
  }

  specs(itemId: string): Sourced<{ name: string; text: string }>[] {
    const entry = this.byId.get(itemId);
    return entry ? Object.entries(entry.specs).map(([name, text]) => sourced({ name, text }, itemId, `specs.${name}`)) : [];
  }

  /** Undefined when the shop has not said: the bot must not guess whether an item suits a baby. */
  suitability(itemId: string, audience: Audience): Sourced<{ suitable: boolean; note: string }> | undefined {
    const value = this.byId.get(itemId)?.suitability[audience];
    return value === undefined ? undefined : sourced(value, itemId, `suitability.${audience}`);
  }

  inBox(itemId: string): Sourced<string[]> | undefined {
    const value = this.byId.get(itemId)?.inBox;
    return value === undefined ? undefined : sourced(value, itemId, 'inBox');
  }

  sizeChart(itemId: string): Sourced<SizeChart> | undefined {
    const value = this.byId.get(itemId)?.sizeChart;
    return value === undefined ? undefined : sourced(value, itemId, 'sizeChart');
  }

  /**
   * The notes on an item: all of them, or those comparing it with `other` (written in either
   * item's file), or those about SKUs with these properties.
   */
  notes(itemId: string, about: { other?: string; properties?: Record<string, string> } = {}): Sourced<CatalogueNote>[] {
    const own = (this.byId.get(itemId)?.notes ?? []).map((note, i) => sourced(note, itemId, `notes.${i}`));
    if (about.other !== undefined) {
      const other = about.other;
      const theirs = (this.byId.get(other)?.notes ?? []).map((note, i) => sourced(note, other, `notes.${i}`));
      return [...own.filter((n) => n.value.items?.includes(other)), ...theirs.filter((n) => n.value.items?.includes(itemId))];
    }
    if (about.properties) {
      const properties = about.properties;
      return own.filter((n) => n.value.skus !== undefined && skuMatches(n.value.skus, properties));
    }
    return own;
  }

  /**
   * Items a message mentions by name or keyword ("这款卫衣", "湿巾有几包"), best match (longest
   * word) first; a pasted item id mentions that item. Several hits: the buyer should be asked.
   */
  mentionedIn(text: string): CatalogueEntry[] {
    return this.hits(text).map((h) => h.entry);
  }

  /**
   * The item a message is about, given the one in view: an item it names, unless the name could
   * as well be the one in view's — its own word, or a general word ("杯子", "鞋") whose characters
   * the one in view's name or keywords hold (the tea set in view: "杯子上有裂纹" is about its cups).
   */
  itemMeant(text: string, itemInView?: string): string | undefined {
    const hits = this.hits(text);
    const best = hits[0];
    if (!best || itemInView === undefined || best.entry.itemId === itemInView || best.word === undefined) return best?.entry.itemId ?? itemInView;
    if (hits.some((h) => h.entry.itemId === itemInView)) return itemInView;
    const viewed = this.words.find((w) => w.entry.itemId === itemInView)?.words.join('') ?? '';
    const general = [...best.word.replace(/[子儿]$/, '')].every((c) => viewed.includes(c));
    return general ? itemInView : best.entry.itemId;
  }

  /** Items named in a message with the word that named them (none for a pasted id), longest word first. */
  private hits(text: string): { entry: CatalogueEntry; length: number; word?: string }[] {
    const said = comparable(text);
    const hits: { entry: CatalogueEntry; length: number; word?: string }[] = [];
    for (const { entry, words } of this.words) {
      if (text.includes(entry.itemId)) {
        hits.push({ entry, length: Number.MAX_SAFE_INTEGER });
        continue;
      }
      const word = words.filter((w) => said.includes(w)).sort((a, b) => b.length - a.length)[0];
      if (word) hits.push({ entry, length: word.length, word });
    }
    return hits.sort((a, b) => b.length - a.length || a.entry.itemId.localeCompare(b.entry.itemId));
  }
}
