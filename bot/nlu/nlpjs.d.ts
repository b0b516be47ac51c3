// nlp.js ships no types; only what the comparison in scripts/evalNlu.ts uses is declared.
declare module '@nlpjs/core' {
  export function containerBootstrap(): Promise<{ use(plugin: unknown): void; get(name: 'nlp'): NlpJs }>;
  interface NlpJs {
    settings: { autoSave: boolean };
    addLanguage(lang: string): void;
    addDocument(lang: string, text: string, intent: string): void;
    train(): Promise<void>;
    process(lang: string, text: string): Promise<{ intent: string; score: number }>;
  }
}
declare module '@nlpjs/nlp' {
  export const Nlp: unknown;
}
declare module '@nlpjs/lang-zh' {
  export const LangZh: unknown;
}
