// Pure helpers: a note's file path (relative to the content directory) → URL id, order, section.
// No Astro imports: used by src/content.config.ts (generateId), the note index and unit tests.
import { slug } from 'github-slugger';
import { NoteError } from '../core/diagnostics.ts';

/** `01-`, `01_`, `1.` (optionally followed by spaces) at the start of a file or folder name. */
const NUMERIC_PREFIX = /^(\d+)[-_.]\s*/;

/** First URL segments that the site itself uses (Astro's assets, the search index, attachments). */
export const RESERVED_FIRST_SEGMENTS = ['_astro', 'pagefind', '_files'] as const;

export interface NameParts {
  /** The name as written, NFC-normalised, extension removed (for files). */
  raw: string;
  /** The numeric prefix, when there is one. */
  prefix?: number;
  /** The human name: prefix removed (NFC). */
  name: string;
}

/** Split a file or folder name into its numeric prefix and its human name. */
export function splitName(segment: string, isFile = false): NameParts {
  let raw = segment.normalize('NFC');
  if (isFile) raw = stripExtension(raw);
  const match = NUMERIC_PREFIX.exec(raw);
  if (!match) return { raw, name: raw };
  return { raw, prefix: Number(match[1]), name: raw.slice(match[0].length) };
}

export function stripExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/** One URL segment from a name: NFC, then github-slugger's `slug()` (as heading ids are made). */
export function slugSegment(name: string): string {
  return slug(name.normalize('NFC'));
}

/** Posix separators, NFC, no leading `./`. */
export function normalizeRelPath(relPath: string): string {
  return relPath.replaceAll('\\', '/').replace(/^(\.\/)+/, '').normalize('NFC');
}

export interface NotePath {
  /** Path relative to the content directory, posix, NFC. */
  relPath: string;
  /** URL id derived from the path (frontmatter `slug` not applied). */
  pathId: string;
  /** The note's own name parts (file name). */
  file: NameParts;
  /** The folders it sits in, outermost first (empty at the top level). */
  folders: NameParts[];
  /**
   * `README.md` / `index.md` (any case, .md or .mdx, no numeric prefix): the folder's landing
   * page, as GitHub shows a folder's README. Its URL is the folder's (`content/rag/README.md` →
   * `rag`); at the top level its id is '' and it is the home page's intro.
   */
  landing: boolean;
}

/**
 * The collection id of content/README.md (or index.md): its URL id is '' (the home page), but
 * Astro's entries need a non-empty id. Slugged paths are lower case, so this one cannot clash.
 */
export const HOME_NOTE_ID = 'README';

/** The id for Astro's collection: the URL id, or HOME_NOTE_ID for the home intro. */
export function collectionId(urlId: string): string {
  return urlId === '' ? HOME_NOTE_ID : urlId;
}

/** The file names (extension removed) that make a folder's landing page. */
const LANDING_NAME = /^(?:readme|index)$/i;

export function isLandingName(file: NameParts): boolean {
  return file.prefix === undefined && LANDING_NAME.test(file.raw);
}

/** Whether a note's file name (`README.md`, `index.mdx`, …) makes it its folder's landing page. */
export function isLandingFile(fileName: string): boolean {
  return isLandingName(splitName(fileName, true));
}

/**
 * Parse a note path. Throws a NoteError when a segment slugs to nothing.
 * @param relPath path relative to the content directory
 * @param displayFile the file as it should appear in messages (relative to the project root)
 */
export function parseNotePath(relPath: string, displayFile: string = relPath): NotePath {
  const norm = normalizeRelPath(relPath);
  const parts = norm.split('/').filter((p) => p !== '');
  const fileName = parts.pop() ?? '';
  const folders = parts.map((p) => splitName(p));
  const file = splitName(fileName, true);
  const landing = isLandingName(file);
  const named = landing ? folders : [...folders, file];
  const segments = named.map((part, i) => {
    const s = slugSegment(part.name);
    if (s === '') {
      const isFile = i === folders.length;
      throw new NoteError({
        severity: 'error',
        code: 'empty-url-segment',
        file: displayFile,
        message: `the ${isFile ? 'file' : 'folder'} name "${isFile ? fileName : parts[i]}" gives an empty URL segment (after dropping the numeric prefix and slugging, nothing is left)`,
        hint: `rename it to contain letters or digits (e.g. "01-노트${isFile ? '.md' : ''}"), or set \`slug:\` in the frontmatter`,
      });
    }
    return s;
  });
  return { relPath: norm, pathId: segments.join('/'), file, folders, landing };
}

/**
 * Validate a frontmatter `slug` and return it as an id (NFC, no leading/trailing slashes).
 * It is used as written (not re-slugged), so it must be a clean URL path.
 */
export function frontmatterSlugId(value: string, displayFile: string): string {
  const id = value.normalize('NFC').trim().replace(/^\/+|\/+$/g, '');
  const segments = id.split('/');
  const bad = segments.find((s) => s === '' || s === '.' || s === '..' || /[\s?#%\\]/.test(s));
  if (id === '' || bad !== undefined) {
    throw new NoteError({
      severity: 'error',
      code: 'invalid-slug',
      file: displayFile,
      message: `frontmatter slug "${value}" is not a usable URL path`,
      hint: 'use segments of letters, digits and "-" separated by "/", e.g. `slug: rag/intro`',
    });
  }
  return id;
}

/** The note's URL id: frontmatter `slug` when given, else from the path. Also rejects reserved ids. */
export function noteId(relPath: string, frontmatterSlug: unknown, displayFile: string = relPath): string {
  const id =
    typeof frontmatterSlug === 'string'
      ? frontmatterSlugId(frontmatterSlug, displayFile)
      : parseNotePath(relPath, displayFile).pathId;
  const first = id.split('/')[0]!.toLowerCase();
  if ((RESERVED_FIRST_SEGMENTS as readonly string[]).includes(first)) {
    throw new NoteError({
      severity: 'error',
      code: 'reserved-url',
      file: displayFile,
      message: `the URL "/${id}/" is reserved for the site's own files`,
      hint: `rename the ${typeof frontmatterSlug === 'string' ? 'slug' : 'file or folder'} so it does not start with "${first}"`,
    });
  }
  return id;
}

/** Korean-aware name order, digits compared as numbers. */
export const nameCollator = new Intl.Collator('ko', { numeric: true, sensitivity: 'base' });

export interface Orderable {
  /** Explicit order (frontmatter `order` or numeric prefix). */
  order?: number;
  /** Name used when orders tie or are missing. */
  name: string;
}

/** Ordered items first (by number), then the rest; ties broken by Korean-aware name order. */
export function compareOrderable(a: Orderable, b: Orderable): number {
  const ao = a.order ?? Number.POSITIVE_INFINITY;
  const bo = b.order ?? Number.POSITIVE_INFINITY;
  if (ao !== bo) return ao < bo ? -1 : 1;
  return nameCollator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Two notes with one URL; `path` is the blamed note's absolute path (not always the one being claimed). */
export class DuplicateUrlError extends NoteError {
  readonly path: string;
  constructor(diagnostic: ConstructorParameters<typeof NoteError>[0], path: string) {
    super(diagnostic);
    this.path = path;
  }
}

/**
 * Remembers which file owns which id within one process, so two files that map to one URL fail
 * the build naming both. Astro's glob loader would otherwise keep only the last one.
 * Re-syncing the same file is fine; a file whose id changed gives its old id up; an owner that no
 * longer exists on disk (renamed or deleted in the dev server) gives its id up too.
 */
export class NoteIdRegistry {
  #byKey = new Map<string, { id: string; file: string; display: string }>();
  #keyByFile = new Map<string, string>();
  readonly #exists: (file: string) => boolean;

  constructor(exists: (file: string) => boolean) {
    this.#exists = exists;
  }

  /** Ids that differ only in case or normalisation would clash on case-insensitive disks. */
  static key(id: string): string {
    return id.normalize('NFC').toLowerCase();
  }

  /**
   * @param file absolute path (identity)
   * @param display path for messages
   */
  claim(id: string, file: string, display: string): void {
    const key = NoteIdRegistry.key(id);
    const previousKey = this.#keyByFile.get(file);
    if (previousKey !== undefined && previousKey !== key && this.#byKey.get(previousKey)?.file === file) {
      this.#byKey.delete(previousKey);
    }
    const owner = this.#byKey.get(key);
    if (owner && owner.file !== file && this.#exists(owner.file)) {
      // The file that sorts second is blamed, whichever arrived first: the loader reads files in
      // no fixed order, and the message must not change from run to run.
      const [first, second] = [owner, { file, display }].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      throw new DuplicateUrlError(
        {
          severity: 'error',
          code: 'duplicate-url',
          file: second!.display,
          message: `two notes map to the same URL "/${id}/": ${first!.display} and ${second!.display}`,
          hint: 'rename one of the files, or give one of them a different `slug:` in its frontmatter',
        },
        second!.file,
      );
    }
    this.#byKey.set(key, { id, file, display });
    this.#keyByFile.set(file, key);
  }

  forget(file: string): void {
    const key = this.#keyByFile.get(file);
    if (key !== undefined && this.#byKey.get(key)?.file === file) this.#byKey.delete(key);
    this.#keyByFile.delete(file);
  }
}
