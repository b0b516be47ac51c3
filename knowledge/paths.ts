import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root: the nearest directory above this module that has a package.json. It is the
 * same whether this runs from the sources (knowledge/paths.ts, under tsx or vitest) or from the
 * build (dist/knowledge/paths.js, `npm start`), so every file read at run time (knowledge,
 * templates, web pages, the recognizer's calibration) is read where it lives in the repository:
 * the build holds compiled code only, never a copy that could go stale.
 */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = projectRoot();

/** A path inside the project, e.g. projectPath('templates', 'zh-CN'). */
export const projectPath = (...segments: string[]): string => join(PROJECT_ROOT, ...segments);

/** The knowledge/ directory shipped with the code. */
export const KNOWLEDGE_DIR = projectPath('knowledge');
