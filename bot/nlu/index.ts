export { createRecognizer, IntentRecognizer } from './recognizer.js';
export type { Entities, Intent, Recognition, Recognizer } from './types.js';
export { INTENTS } from './types.js';
