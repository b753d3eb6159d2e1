// The note graph (the design's "note index" core for links): file path ↔ page URL ↔ heading ids
// for every note under the content directory, plus the other files there (images, attachments).
// Built once per process and content directory, then cached; the dev server invalidates it when a
// file changes (src/integrations/note-links.ts). The note-link plugin rewrites and validates
// links with it, in the build and in `npm run check` alike; pages get URLs from src/site/note-collection.ts.
//
// Cheap to build: only each note's frontmatter is read up front (for `slug` and `draft`); a note's
// heading ids are parsed on first use (parseNote + headingModel, the same model the page's own
// ids come from), once.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { headingModel, linkableIds } from '../syntax/headings.ts';
import { parseNote } from '../syntax/parse.ts';
import { walkContent } from './content-files.ts';
import { noteId, normalizeRelPath } from './note-path.ts';
import { contentDir as defaultContentDir, displayPath, projectRoot } from '../core/project.ts';

/** `.md` / `.mdx`, as the content collection's glob matches them. */
export const NOTE_FILE = /\.mdx?$/i;

export interface GraphNote {
  /** Absolute path on disk (as the file system spells it). */
  file: string;
  /** Path relative to the content directory: posix, NFC. */
  relPath: string;
  /** The file as messages name it (relative to the project root). */
  display: string;
  /** URL id (no slashes around), or undefined when the note has no usable one (reported by the loader). */
  id: string | undefined;
  draft: boolean;
}

export interface NoteGraph {
  contentDir: string;
  root: string;
  notes: GraphNote[];
  /** By relPath (NFC). */
  byRelPath: Map<string, GraphNote>;
  /** By URL id (NFC). */
  byId: Map<string, GraphNote>;
  /** Every other file under the content directory: NFC relPath → absolute path on disk. */
  files: Map<string, string>;
  /** Every folder under the content directory (NFC relPaths, '' for the top). */
  folders: Set<string>;
  /** When it was built (ms since the epoch). */
  builtAt: number;
}

function relOf(contentDir: string, absolute: string): string {
  return normalizeRelPath(path.relative(contentDir, absolute).split(path.sep).join('/'));
}

/** Build the graph of one content directory (no caching: see getNoteGraph). */
export function buildNoteGraph(contentDir: string, root: string = projectRoot()): NoteGraph {
  const graph: NoteGraph = {
    contentDir,
    root,
    notes: [],
    byRelPath: new Map(),
    byId: new Map(),
    files: new Map(),
    folders: new Set(['']),
    builtAt: Date.now(),
  };
  walkContent(contentDir, (absolute, isDir) => {
    const relPath = relOf(contentDir, absolute);
    if (isDir) {
      graph.folders.add(relPath);
      return;
    }
    if (!NOTE_FILE.test(absolute)) {
      graph.files.set(relPath, absolute);
      return;
    }
    const display = displayPath(absolute, root);
    let frontmatter: Record<string, unknown> = {};
    try {
      frontmatter = parseFrontmatter(readFileSync(absolute, 'utf8'), { frontmatter: 'empty-with-spaces' }).frontmatter as Record<string, unknown>;
    } catch {
      // invalid YAML: the loader reports it; the note keeps its path URL here
    }
    let id: string | undefined;
    try {
      id = noteId(relPath, frontmatter.slug, display).normalize('NFC');
    } catch {
      id = undefined; // reported by the loader (empty or reserved URL, invalid slug)
    }
    const note: GraphNote = { file: absolute, relPath, display, id, draft: frontmatter.draft === true };
    graph.notes.push(note);
    graph.byRelPath.set(relPath, note);
    if (id !== undefined && !graph.byId.has(id)) graph.byId.set(id, note);
  });
  graph.notes.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  return graph;
}

let recording: { notes: Set<string>; elsewhere: boolean } | undefined;

/**
 * Run `fn`, recording every note whose contents it relied on (its URL, draft flag or heading ids,
 * via noteUsed) and whether it looked at files outside the content directory (elsewhereUsed):
 * `npm run check` keeps a note's result until one of those notes changes. One recording at a
 * time per thread (a checker checks its notes one after another).
 */
export async function recordNoteUse<T>(fn: () => Promise<T>): Promise<{ value: T; used: string[]; elsewhere: boolean }> {
  const current = (recording = { notes: new Set(), elsewhere: false });
  try {
    const value = await fn();
    return { value, used: [...current.notes], elsewhere: current.elsewhere };
  } finally {
    recording = undefined;
  }
}

/** Say that the current work relies on this note's contents (see recordNoteUse). */
export function noteUsed(note: GraphNote): void {
  recording?.notes.add(note.file);
  for (const observer of observers) observer.note(note, false);
}

/** Say that the current work looked for files outside the content directory (see recordNoteUse). */
export function elsewhereUsed(): void {
  if (recording) recording.elsewhere = true;
  for (const observer of observers) observer.elsewhere();
}

/** Hears the same as recordNoteUse, and whether a note's ids were used (render-dependencies.ts). */
export interface NoteUseObserver {
  note(note: GraphNote, ids: boolean): void;
  elsewhere(): void;
}

const observers = new Set<NoteUseObserver>();

/** Run synchronous `fn` with `observer` hearing every use of notes and other files (nests inside recordNoteUse). */
export function observeNoteUse<T>(observer: NoteUseObserver, fn: () => T): T {
  observers.add(observer);
  try {
    return fn();
  } finally {
    observers.delete(observer);
  }
}

type IdCache = Map<string, { mtimeMs: number; size: number; ids: Set<string> }>;

/**
 * One cache per process, on globalThis: the Markdown processor (loaded with astro.config.mjs) and
 * the content loader (loaded with the content config) are separate module instances, and in the
 * dev server the loader's check of the stored notes (render-dependencies.ts staleEntries) would
 * otherwise parse again every note the renders just parsed.
 */
const idCache = ((globalThis as Record<string, unknown>).__notesIdCache ??= new Map()) as IdCache;

/**
 * The ids of a note whose text is known to be the one a stored render recorded `ids` for (the
 * loader compares the store's digest with the file): no parse needed while the file stays so.
 * `stat` is the file's before its text was read, and must still be its stat afterwards.
 */
export function rememberNoteIds(file: string, stat: { mtimeMs: number; size: number }, ids: Iterable<string>): void {
  idCache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, ids: new Set(ids) });
}

/**
 * Every id an element of the note's page has (headings, footnotes, explicit ids in raw HTML), from
 * the shared heading model; parsed once per file version. Empty when the note does not parse
 * (that error is the loader's to report).
 */
export function noteIds(note: GraphNote): Set<string> {
  for (const observer of observers) observer.note(note, true);
  let stat;
  try {
    stat = statSync(note.file);
  } catch {
    return new Set();
  }
  const cached = idCache.get(note.file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.ids;
  let ids: Set<string>;
  try {
    const { tree, file } = parseNote(readFileSync(note.file, 'utf8'), note.file);
    ids = new Set(linkableIds(headingModel(tree, file)));
  } catch {
    ids = new Set();
  }
  idCache.set(note.file, { mtimeMs: stat.mtimeMs, size: stat.size, ids });
  return ids;
}

const graphs = new Map<string, NoteGraph>();

/** The graph of a content directory, built on first use and cached for the process. */
export function getNoteGraph(dir: string = defaultContentDir(), root: string = projectRoot()): NoteGraph {
  const key = `${path.resolve(dir)}\0${root}`;
  let graph = graphs.get(key);
  if (!graph) {
    graph = buildNoteGraph(path.resolve(dir), root);
    graphs.set(key, graph);
  }
  return graph;
}

/**
 * Rebuild a graph that may be out of date: when a link finds nothing, a file may have appeared
 * since the graph was built (dev server). At most once every `minAgeMs`, so a build with many
 * broken links does not walk the content directory for each.
 */
export function refreshNoteGraph(graph: NoteGraph, minAgeMs = 2000): NoteGraph {
  if (Date.now() - graph.builtAt < minAgeMs) return graph;
  invalidateNoteGraph();
  return getNoteGraph(graph.contentDir, graph.root);
}

/** Forget every cached graph (the dev server calls this when a file under content/ changes). */
export function invalidateNoteGraph(): void {
  graphs.clear();
}
