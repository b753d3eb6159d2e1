// `npm run check` on every save: what checking a note found is kept between runs (in
// node_modules/.cache/notes-check/) and reused while nothing it depends on has changed: the note's
// own bytes, the notes its links look into (their URL, draft flag and heading ids, recorded while
// it was checked), the set of files in the content directory and in public/, and the code that
// checks (everything under src/, the config files, the lockfile, the Node version), where the
// site is published (links are checked against its base), and the Markdown All in One settings
// files that apply to the notes.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { walkContent } from '../notes/content-files.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import { codeFingerprint, filesUnder, hashBytes } from '../notes/fingerprint.ts';
import { settingsFingerprint } from '../notes/maio-settings.ts';
import { publicDir } from '../core/project.ts';

/** Bump when the stored shape or its meaning changes. */
const FORMAT = 1;

/** The project this code belongs to (its node_modules). */
const CODE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What checking one note found, as stored. */
export interface CachedCheck {
  /** Hash of the note's bytes when it was checked. */
  hash: string;
  id?: string;
  diagnostics: Diagnostic[];
  /** The other notes its result depends on: absolute path → hash of their bytes then. */
  deps: Record<string, string>;
}

interface CacheFile {
  format: number;
  context: string;
  notes: Record<string, CachedCheck>;
}

/** What every stored result depends on besides the notes themselves. */
function contextKey(contentDir: string, root: string): string {
  const hash = createHash('sha1');
  const add = (...parts: string[]) => hash.update(`${parts.join('\0')}\n`);
  add(String(FORMAT), contentDir, root, codeFingerprint());
  // The author's Markdown All in One settings shape every TOC (notes/maio-settings.ts).
  add('maio-settings', settingsFingerprint(contentDir));
  // Links are checked against which files exist, so a file added, removed or renamed anywhere in
  // the notes (or in public/) re-checks every note.
  walkContent(contentDir, (file, isDir) => add(isDir ? 'folder' : 'file', path.relative(contentDir, file)));
  for (const rel of filesUnder(publicDir(process.env, root))) add('public', rel);
  return hash.digest('hex');
}

export class CheckCache {
  readonly #path: string;
  readonly #context: string;
  readonly #notes: Record<string, CachedCheck>;

  private constructor(file: string, context: string, notes: Record<string, CachedCheck>) {
    this.#path = file;
    this.#context = context;
    this.#notes = notes;
  }

  /** The stored results for this content directory (none when the context changed). */
  static load(contentDir: string, root: string): CheckCache {
    const name = `${hashBytes(`${contentDir}\0${root}`).slice(0, 16)}.json`;
    const file = path.join(CODE_ROOT, 'node_modules', '.cache', 'notes-check', name);
    const context = contextKey(contentDir, root);
    let notes: Record<string, CachedCheck> = {};
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (stored.format === FORMAT && stored.context === context) notes = stored.notes;
    } catch {
      // no cache yet, or unreadable: start afresh
    }
    return new CheckCache(file, context, notes);
  }

  /** The stored result for `file`, if the note and every note it depends on are unchanged. */
  get(file: string, hashes: ReadonlyMap<string, string>): CachedCheck | undefined {
    const entry = this.#notes[file];
    if (!entry || entry.hash === '' || entry.hash !== hashes.get(file)) return undefined;
    for (const [dep, hash] of Object.entries(entry.deps)) if (hashes.get(dep) !== hash) return undefined;
    return entry;
  }

  set(file: string, entry: CachedCheck): void {
    this.#notes[file] = entry;
  }

  delete(file: string): void {
    delete this.#notes[file];
  }

  /** Write the cache (temporary file and rename: a concurrent run never reads half of it). */
  save(): void {
    try {
      mkdirSync(path.dirname(this.#path), { recursive: true });
      const temp = `${this.#path}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify({ format: FORMAT, context: this.#context, notes: this.#notes } satisfies CacheFile));
      renameSync(temp, this.#path);
    } catch {
      // a read-only node_modules only costs speed
    }
  }
}
