import { fileURLToPath } from 'node:url';

/** The knowledge/ directory shipped with the code. */
export const KNOWLEDGE_DIR = fileURLToPath(new URL('.', import.meta.url));
