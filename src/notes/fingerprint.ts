// Fingerprints that caches are keyed on: file bytes, and the code that turns notes into pages and
// results (src/, the config files, the lockfile, the Node version, the site's address). Shared by
// the build's render cache (render-dependencies.ts) and npm run check's cache (commands/check-cache.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentSite } from '../core/site-address.ts';
import { walkContent } from './content-files.ts';

/** The project this code belongs to (its src/, config files and lockfile). */
const CODE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function hashBytes(bytes: Buffer | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** The hash of every file's bytes (an unreadable file gets '', which matches nothing stored). */
export function hashFiles(files: readonly string[]): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const file of files) {
    try {
      hashes.set(file, hashBytes(readFileSync(file)));
    } catch {
      hashes.set(file, '');
    }
  }
  return hashes;
}

/** Every file under `dir`, relative and sorted (src/ and public/ are small). */
export function filesUnder(dir: string): string[] {
  const found: string[] = [];
  walkContent(dir, (file, isDir) => {
    if (!isDir) found.push(path.relative(dir, file));
  });
  return found.sort();
}

/**
 * The code that turns notes into results: everything under src/, the config files, the lockfile
 * (the packages' versions), the Node version, and the settings read from the environment (where the
 * site is published, where diagrams render). Shared with the build's render cache.
 */
export function codeFingerprint(codeRoot: string = CODE_ROOT): string {
  const hash = createHash('sha1');
  const add = (...parts: string[]) => hash.update(`${parts.join('\0')}\n`);
  add(process.version, JSON.stringify(currentSite()), process.env.NOTES_MERMAID ?? '', process.env.CHROMIUM_PATH ?? '');
  for (const rel of filesUnder(path.join(codeRoot, 'src'))) add('src', rel, hashBytes(readFileSync(path.join(codeRoot, 'src', rel))));
  for (const name of ['site.config.ts', 'astro.config.mjs', 'package.json', 'package-lock.json']) {
    let bytes: Buffer | string = '';
    try {
      bytes = readFileSync(path.join(codeRoot, name));
    } catch {
      // absent: hashed as empty
    }
    add('config', name, hashBytes(bytes));
  }
  return hash.digest('hex');
}
