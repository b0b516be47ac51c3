// wink-naive-bayes-text-classifier ships no types; only what classifier.ts uses is declared.
declare module 'wink-naive-bayes-text-classifier' {
  interface NaiveBayesTextClassifier {
    definePrepTasks(tasks: ((input: string) => unknown)[]): number;
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    learn(input: unknown, label: string): boolean;
    consolidate(): boolean;
    computeOdds(input: unknown): [string, number][];
  }
  export default function winkNaiveBayes(): NaiveBayesTextClassifier;
}
