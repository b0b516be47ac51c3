/**
 * Where a fact comes from: the file of knowledge/ and the field in it, e.g.
 * `{file: 'knowledge/catalogue/item_tee.yaml', field: 'attributes.material'}`. Every pre-sales
 * answer carries the sources of its facts, so the bot, the copilot and agents can cite them, and
 * a fact that has no source is a fact the bot does not have.
 */
export interface Source {
  file: string;
  field: string;
}

/** A value with the place it was read from. */
export interface Sourced<T> {
  value: T;
  source: Source;
}

/** The conventional name of the knowledge directory in citations, whatever KNOWLEDGE_DIR is. */
export const KNOWLEDGE_PREFIX = 'knowledge';
export const PROFILE_FILE = `${KNOWLEDGE_PREFIX}/shop-profile.yaml`;
export const PROMOTIONS_FILE = `${KNOWLEDGE_PREFIX}/promotions.yaml`;
export const catalogueFile = (itemId: string): string => `${KNOWLEDGE_PREFIX}/catalogue/${itemId}.yaml`;
export const faqFile = (name: string): string => `${KNOWLEDGE_PREFIX}/faq/${name}`;

export const profileSource = (field: string): Source => ({ file: PROFILE_FILE, field });

/** "knowledge/catalogue/item_tee.yaml#attributes.material" */
export const formatSource = (source: Source): string => `${source.file}#${source.field}`;
