// The list of notes with title, URL, order and section, prepared once from the collection entries.
// Pure (no Astro imports) so unit tests can build it; src/site/note-collection.ts feeds it from astro:content.
import path from 'node:path';
import { formatDiagnostic, NoteError, type Diagnostic } from '../core/diagnostics.ts';
import { calendarDate, type NoteFrontmatter } from './frontmatter.ts';
import { compareOrderable, HOME_NOTE_ID, parseNotePath, type NameParts } from './note-path.ts';
import { displayPath } from '../core/project.ts';
import { headingSummary, type HeadingSummary } from './note-title.ts';
import { entryRenderData } from './render-data.ts';
import { sectionTitle } from './section-title.ts';

export type { NoteFrontmatter };

/** What the index needs from a collection entry (Astro's entries have all of it). */
export interface NoteSource {
  id: string;
  /** Path relative to the project root, as Astro stores it. */
  filePath?: string;
  data: NoteFrontmatter;
  body?: string;
  digest?: string | number;
  /** Set by Astro for .md entries once rendered; absent when rendering failed. */
  rendered?: unknown;
}

export interface NoteInfo<T extends NoteSource = NoteSource> {
  /** URL id (no leading or trailing slash). */
  id: string;
  /** Path of the page below the base: `llm-소개/`. */
  path: string;
  title: string;
  /** Where the title came from. */
  titleSource: 'frontmatter' | 'heading' | 'file-name';
  description?: string;
  /** One line for lists: the frontmatter description, else the note's first prose paragraph. */
  excerpt?: string;
  order?: number;
  /** Tags from the frontmatter (`tags`, `categories`, `keywords`), as written (NFC). */
  tags: string[];
  /** Written and last-updated dates from the frontmatter, `YYYY-MM-DD`. */
  date?: string;
  updated?: string;
  /** URL ids that redirect to this note (`aliases`, `redirect_from`). */
  aliases: string[];
  /** The file's name without prefix and extension. */
  name: string;
  /** Path relative to the content directory (posix, NFC). */
  relPath: string;
  /** Path relative to the project root, for messages. */
  file: string;
  isMdx: boolean;
  draft: boolean;
  /** Whether the note has its own h1 (then the page adds none). */
  hasH1: boolean;
  /** A folder's README.md / index.md: its page has the folder's URL and comes first in its section. */
  landing: boolean;
  sectionKey: string;
  entry: T;
}

export interface NoteSection<T extends NoteSource = NoteSource> {
  /** Folder path relative to the content directory ('' for the top level). */
  key: string;
  /** Each folder by its README's title or its name as words, joined with ' / ' ('' for the top level). */
  title: string;
  folders: NameParts[];
  notes: NoteInfo<T>[];
}

export interface NoteIndex<T extends NoteSource = NoteSource> {
  /** Every note in reading order (sections in order, notes in order within each). */
  notes: NoteInfo<T>[];
  sections: NoteSection<T>[];
  byId: Map<string, NoteInfo<T>>;
  /**
   * content/README.md or content/index.md: the home page's intro, rendered by the home page
   * (not a page of its own, not in any list).
   */
  home?: NoteInfo<T>;
}

export interface BuildOptions {
  /** Absolute content directory. */
  contentDir: string;
  /** Absolute project root (what Astro's `filePath` is relative to). */
  root: string;
  /** Keep `draft: true` notes (dev server); production builds leave them out. */
  includeDrafts: boolean;
}

const summaryCache = new Map<string, HeadingSummary>();

/** From the note's render when it has one (remark-note-summary); else the body is parsed here. */
function summaryFor(source: NoteSource, isMdx: boolean): HeadingSummary {
  const fromRender = entryRenderData(source.rendered).noteSummary;
  if (fromRender) return fromRender;
  const body = source.body ?? '';
  const key = `${source.filePath}\0${source.digest ?? body}`;
  let summary = summaryCache.get(key);
  if (!summary) {
    summary = headingSummary(body, isMdx);
    summaryCache.set(key, summary);
  }
  return summary;
}

function compareFolders(a: NameParts[], b: NameParts[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareOrderable(
      { order: a[i]!.prefix, name: a[i]!.name },
      { order: b[i]!.prefix, name: b[i]!.name },
    );
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export function buildNoteIndex<T extends NoteSource>(sources: T[], options: BuildOptions): NoteIndex<T> {
  const sections = new Map<string, NoteSection<T>>();
  let home: NoteInfo<T> | undefined;
  for (const entry of sources) {
    if (entry.data.draft && !options.includeDrafts) continue;
    const absolute = path.resolve(options.root, entry.filePath ?? '');
    const file = displayPath(absolute, options.root);
    const rel = path.relative(options.contentDir, absolute).split(path.sep).join('/');
    const parsed = parseNotePath(rel, file);
    const isMdx = rel.toLowerCase().endsWith('.mdx');
    const summary = summaryFor(entry, isMdx);
    const fmTitle = entry.data.title?.trim();
    const title = fmTitle || summary.firstH1Text || parsed.file.name || parsed.file.raw;
    const titleSource = fmTitle ? 'frontmatter' : summary.firstH1Text ? 'heading' : 'file-name';
    const sectionKey = parsed.folders.map((f) => f.raw).join('/');
    let section = sections.get(sectionKey);
    if (!section) {
      section = {
        key: sectionKey,
        title: '', // below, once every README is known (section-title.ts)
        folders: parsed.folders,
        notes: [],
      };
      sections.set(sectionKey, section);
    }
    const note: NoteInfo<T> = {
      id: entry.id,
      path: `${entry.id}/`,
      title,
      titleSource,
      order: entry.data.order ?? parsed.file.prefix,
      tags: entry.data.tags ?? [],
      aliases: entry.data.aliases ?? [],
      name: parsed.file.name || parsed.file.raw,
      relPath: parsed.relPath,
      file,
      isMdx,
      draft: entry.data.draft ?? false,
      hasH1: summary.hasAnyH1,
      landing: parsed.landing,
      sectionKey,
      entry,
    };
    if (entry.data.description !== undefined) note.description = entry.data.description;
    // Jekyll's posts carry their date in the file name (`2024-01-15-title.md`).
    const date = entry.data.date ?? calendarDate(/^(\d{4}-\d{2}-\d{2})-/.exec(parsed.file.raw)?.[1]);
    if (date) note.date = date;
    if (entry.data.updated) note.updated = entry.data.updated;
    const excerpt = entry.data.description?.trim() || summary.excerpt;
    if (excerpt) note.excerpt = excerpt;
    if (note.landing && entry.id === HOME_NOTE_ID) {
      home = note;
      continue;
    }
    section.notes.push(note);
  }
  const landingTitles = new Map<string, string>();
  for (const section of sections.values()) {
    const readme = section.notes.find((n) => n.landing && n.titleSource !== 'file-name');
    if (readme && section.key !== '') landingTitles.set(section.key, readme.title);
  }
  for (const section of sections.values()) section.title = sectionTitle(section.folders, landingTitles);
  const ordered = [...sections.values()].sort((a, b) => compareFolders(a.folders, b.folders));
  for (const section of ordered) {
    section.notes.sort(
      (a, b) => Number(b.landing) - Number(a.landing) || compareOrderable(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }
  const listed = ordered.filter((s) => s.notes.length > 0);
  const notes = listed.flatMap((s) => s.notes);
  return { notes, sections: listed, byId: new Map(notes.map((n) => [n.id, n])), ...(home ? { home } : {}) };
}

/**
 * The error for a .md note that Astro's glob loader failed to render (it logs the error and stores
 * the entry without `rendered`), with any errors the Markdown plugins reported for that file.
 * MDX notes are compiled by Vite, whose errors already fail the build.
 */
export function renderFailure(
  note: NoteInfo,
  reported: readonly Diagnostic[],
  root: string = process.cwd(),
): NoteError | undefined {
  if (note.isMdx || note.entry.rendered) return undefined;
  const self = path.resolve(root, note.file);
  const own = reported
    .filter((d) => d.severity === 'error' && path.resolve(root, d.file) === self)
    .map(formatDiagnostic);
  return new NoteError({
    severity: 'error',
    code: 'render-failed',
    file: note.file,
    message:
      own.length > 0
        ? `the note could not be rendered:\n${own.join('\n')}`
        : 'the note could not be rendered (see the "Error rendering" message logged above)',
    hint: 'fix that error; the build fails rather than leave the page out',
  });
}
