// Where the project and its notes live. The one place that resolves the content directory:
// astro.config.mjs, src/content.config.ts, the note index and the tests all ask here.
import path from 'node:path';

/**
 * The project root. Astro's own `root` defaults to the working directory and this project never
 * sets it, so both agree (`npm run …` and the build tests always run from the project root).
 */
export function projectRoot(cwd: string = process.cwd()): string {
  return path.resolve(cwd);
}

/** The default content directory, relative to the project root. */
export const DEFAULT_CONTENT_DIR = 'content';

/**
 * The absolute content directory: `NOTES_CONTENT_DIR` (absolute, or relative to the project
 * root) when set, else `content/` at the project root. Build tests point it at a fixture site.
 */
export function contentDir(
  env: Record<string, string | undefined> = process.env,
  root: string = projectRoot(),
): string {
  const configured = env.NOTES_CONTENT_DIR?.trim();
  return path.resolve(root, configured ? configured : DEFAULT_CONTENT_DIR);
}

/**
 * The folder served at the base as it is: `NOTES_PUBLIC_DIR` (absolute, or relative to the project
 * root) when set, else `public/` at the project root. Build tests point it at a copy they change.
 */
export function publicDir(env: Record<string, string | undefined> = process.env, root: string = projectRoot()): string {
  const configured = env.NOTES_PUBLIC_DIR?.trim();
  return path.resolve(root, configured ? configured : 'public');
}

/** A path for messages: relative to the project root with `/` separators, or absolute if outside. */
export function displayPath(absolutePath: string, root: string = projectRoot()): string {
  const rel = path.relative(root, absolutePath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return absolutePath.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}
