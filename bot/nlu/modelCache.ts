/**
 * A disk cache of trained models, so that a process whose training examples, model settings and
 * recognizer code are unchanged loads the trained weights (~0.1 s) instead of training again
 * (~1–2 s). The test suite starts a bot per file, and a restarted bot is up sooner. The key is
 * a hash of all of it: the examples and spec, every file of the running recognizer code (bot/nlu/,
 * or dist/bot/nlu/ when built), and the versions of the segmenter, pinyin and OpenCC packages;
 * any change trains afresh. Reading or writing problems are not errors: the model is trained as
 * if there were no cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../../knowledge/paths.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const CACHE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'kefu-nlu');
const PACKAGES = ['@node-rs/jieba', 'pinyin-pro', 'opencc-js'];

let fingerprint: string | undefined;

/** What the features and the model depend on besides the examples: the code and the packages. */
function codeFingerprint(): string {
  if (!fingerprint) {
    const hash = createHash('sha256');
    for (const name of readdirSync(HERE).sort()) if (/\.(ts|js|json)$/.test(name)) hash.update(name).update(readFileSync(join(HERE, name)));
    for (const pkg of PACKAGES) hash.update(pkg).update(readFileSync(join(PROJECT_ROOT, 'node_modules', pkg, 'package.json')));
    fingerprint = hash.digest('hex');
  }
  return fingerprint;
}

export class ModelCache {
  constructor(readonly dir: string = CACHE_DIR) {}

  key(what: unknown): string {
    return createHash('sha256').update(codeFingerprint()).update(JSON.stringify(what)).digest('hex').slice(0, 32);
  }

  read(key: string): Buffer | undefined {
    try {
      return readFileSync(join(this.dir, `${key}.model`));
    } catch {
      return undefined;
    }
  }

  write(key: string, bytes: Buffer): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      // Several processes may train at once (test workers): write aside, then rename into place.
      const partial = join(this.dir, `${key}.${process.pid}.partial`);
      writeFileSync(partial, bytes);
      renameSync(partial, join(this.dir, `${key}.model`));
    } catch {
      // No cache this time.
    }
  }
}
