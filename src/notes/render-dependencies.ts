// What a rendered note depends on besides its own bytes, so that Astro's content store (kept
// between builds, and by the dev server) never serves a note rendered against files that changed.
// Astro's glob loader renders a note again only when the note's own text changes; the note-link
// plugin (remark-note-links) records here, with the rendered note, what its links and images led
// to, each with a fingerprint:
//   - notes it links to: their URL and draft flag (and their heading ids, when it looked at them);
//   - files it embeds or links to (images, attachments): the hash of their bytes ('' when absent);
//   - the listing (which notes, files and folders exist, every note's URL and draft flag, the files
//     in public/), when a link led nowhere or to a site path: a file that appears may fix it.
// Before the glob loader runs, the notes loader (notes-loader.ts) drops every stored note whose
// recorded fingerprints no longer match (staleEntries), so the glob loader renders it again; the
// code, settings and base path are one key over the whole store (renderKey).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { codeFingerprint, hashBytes } from './fingerprint.ts';
import { walkContent } from './content-files.ts';
import { settingsFingerprint } from './maio-settings.ts';
import { publicDir } from '../core/project.ts';
import { noteIds, observeNoteUse, rememberNoteIds, type GraphNote, type NoteGraph } from './note-graph.ts';
import { entryRenderData, isPendingRender } from './render-data.ts';

/** Bump when what is recorded, or how, changes (it is part of renderKey). */
const FORMAT = 1;

export interface RenderDependencies {
  /** Notes its links lead to: absolute path → noteFingerprint. */
  notes?: Record<string, string>;
  /** Notes whose heading ids it checked links against: absolute path → idsFingerprint. */
  ids?: Record<string, string>;
  /** Other files it embeds or links to: absolute path → hash of their bytes ('' absent). */
  files?: Record<string, string>;
  /** listingFingerprint, when some result depended on which files exist. */
  listing?: string;
}

/** The project's public/ folder (served at the base as it is). */
export function publicDirOf(root: string): string {
  return publicDir(process.env, root);
}

const byFile = new WeakMap<NoteGraph, Map<string, GraphNote>>();

function noteByFile(graph: NoteGraph, file: string): GraphNote | undefined {
  let map = byFile.get(graph);
  if (!map) byFile.set(graph, (map = new Map(graph.notes.map((n) => [n.file, n]))));
  return map.get(file);
}

/** A linked note as links see it: its URL and draft flag ('' when it is gone). */
export function noteFingerprint(graph: NoteGraph, file: string): string {
  const note = noteByFile(graph, file);
  return note ? `${note.relPath}\0${note.id ?? ''}\0${note.draft}` : '';
}

/** The heading ids of a linked note ('' when it is gone). */
export function idsFingerprint(graph: NoteGraph, file: string): string {
  const note = noteByFile(graph, file);
  return note ? hashBytes([...noteIds(note)].sort().join('\0')) : '';
}

export function fileFingerprint(file: string): string {
  try {
    return hashBytes(readFileSync(file));
  } catch {
    return '';
  }
}

const contentListing = new WeakMap<NoteGraph, string>();

/** Which notes (with URL and draft flag), files and folders exist, and which files are in public/. */
export function listingFingerprint(graph: NoteGraph, publicDir: string = publicDirOf(graph.root)): string {
  let own = contentListing.get(graph);
  if (own === undefined) {
    const hash = createHash('sha1');
    for (const folder of [...graph.folders].sort()) hash.update(`d\0${folder}\n`);
    for (const file of [...graph.files.keys()].sort()) hash.update(`f\0${file}\n`);
    for (const note of graph.notes) hash.update(`n\0${noteFingerprint(graph, note.file)}\n`);
    contentListing.set(graph, (own = hash.digest('hex')));
  }
  // public/ is walked each time: the dev server's graph is rebuilt on changes to the notes only.
  const hash = createHash('sha1').update(own);
  walkContent(publicDir, (file, isDir) => hash.update(`${isDir ? 'd' : 'f'}\0${path.relative(publicDir, file)}\n`));
  return hash.digest('hex');
}

/** Collects one note's dependencies while its links are resolved (remark-note-links). */
export class DependencyRecorder {
  readonly #graph: () => NoteGraph;
  readonly #notes = new Set<string>();
  readonly #ids = new Set<string>();
  readonly #files = new Set<string>();
  #listing = false;

  constructor(graph: () => NoteGraph) {
    this.#graph = graph;
  }

  /** Run `fn`, hearing every note (and note ids) the link resolver relies on. */
  observe<T>(fn: () => T): T {
    return observeNoteUse(
      {
        note: (note, ids) => (ids ? this.#ids : this.#notes).add(note.file),
        elsewhere: () => (this.#listing = true),
      },
      fn,
    );
  }

  file(file: string): void {
    this.#files.add(file);
  }

  /** A link led nowhere: a file that appears later may change that. */
  listing(): void {
    this.#listing = true;
  }

  result(): RenderDependencies {
    const graph = this.#graph();
    const record = (set: Set<string>, fingerprint: (file: string) => string) =>
      set.size > 0 ? Object.fromEntries([...set].sort().map((f) => [f, fingerprint(f)])) : undefined;
    const notes = record(this.#notes, (f) => noteFingerprint(graph, f));
    const ids = record(this.#ids, (f) => idsFingerprint(graph, f));
    const files = record(this.#files, fileFingerprint);
    return {
      ...(notes ? { notes } : {}),
      ...(ids ? { ids } : {}),
      ...(files ? { files } : {}),
      ...(this.#listing ? { listing: listingFingerprint(graph) } : {}),
    };
  }
}

/** Checks recorded dependencies against the files as they are now (one pass: each file read once). */
export class DependencyCheck {
  readonly #graph: NoteGraph;
  readonly #files = new Map<string, string>();
  #listing: string | undefined;

  constructor(graph: NoteGraph) {
    this.#graph = graph;
  }

  /** Whether everything `deps` recorded is still as it was (false for a note rendered without a record). */
  unchanged(deps: RenderDependencies | undefined): boolean {
    if (!deps || typeof deps !== 'object') return false;
    for (const [file, fp] of Object.entries(deps.notes ?? {})) if (noteFingerprint(this.#graph, file) !== fp) return false;
    for (const [file, fp] of Object.entries(deps.files ?? {})) {
      let now = this.#files.get(file);
      if (now === undefined) this.#files.set(file, (now = fileFingerprint(file)));
      if (now !== fp) return false;
    }
    if (deps.listing !== undefined && deps.listing !== (this.#listing ??= listingFingerprint(this.#graph))) return false;
    for (const [file, fp] of Object.entries(deps.ids ?? {})) if (idsFingerprint(this.#graph, file) !== fp) return false;
    return true;
  }
}

/** The stored entries of the notes collection, as far as this file needs them. */
interface StoredEntry {
  id?: string;
  digest?: number | string;
  filePath?: string;
  rendered?: { metadata?: { frontmatter?: Record<string, unknown> } };
}

/**
 * The ids of stored notes rendered against files that changed since (notes Astro renders itself,
 * MDX, have no rendered result here and are left alone), with their file paths.
 */
export function staleEntries<E extends StoredEntry>(
  entries: Iterable<[string, E]>,
  graph: NoteGraph,
): Array<{ id: string; filePath: string | undefined; entry: E }> {
  const check = new DependencyCheck(graph);
  const stale: Array<{ id: string; filePath: string | undefined; entry: E }> = [];
  for (const [id, entry] of entries) {
    if (!entry.rendered) continue;
    const deps = entryRenderData(entry.rendered).noteDependencies;
    if (!check.unchanged(deps)) stale.push({ id, filePath: entry.filePath, entry });
  }
  return stale;
}

/**
 * Dev server: the heading ids of each stored note whose file still has the text it was rendered
 * from (the store's digest of it), as its render recorded them, so that checking the stored notes
 * (staleEntries: notes whose links into it may have broken) does not parse every note again.
 */
export function rememberStoredIds(entries: Iterable<[string, StoredEntry]>, digest: (text: string) => string, root: string): void {
  for (const [, entry] of entries) {
    const ids = entryRenderData(entry.rendered).noteIds;
    if (!ids || !entry.filePath || entry.digest === undefined) continue;
    const file = path.resolve(root, entry.filePath);
    try {
      const before = statSync(file);
      const text = readFileSync(file, 'utf8');
      const after = statSync(file);
      if (before.mtimeMs !== after.mtimeMs || before.size !== after.size || digest(text) !== String(entry.digest)) continue;
      rememberNoteIds(file, before, ids);
    } catch {
      // gone: its links are checked against the graph
    }
  }
}

/**
 * What every rendered note depends on besides the notes and files it names: the code (src/, the
 * config files, the lockfile), the Node version, where the site is published (its base), the
 * render settings, the content directory, and whether it is the dev server (drafts are pages there).
 */
export function renderKey(contentDir: string, root: string, dev: boolean): string {
  // The author's Markdown All in One settings shape every TOC (maio-settings.ts).
  return hashBytes([FORMAT, contentDir, root, dev ? 'dev' : 'build', codeFingerprint(root), settingsFingerprint(contentDir)].join('\0'));
}

/** What refreshStore uses of the loader context's store and meta. */
export interface StoreLike {
  entries(): Array<[string, StoredEntry]>;
  delete(id: string): void;
  clear(): void;
}

/** The dev server's store: an entry can be written back. */
export interface WritableStoreLike extends StoreLike {
  set(entry: StoredEntry & { id: string; data: Record<string, unknown> }): unknown;
}

export interface MetaLike {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

const KEY = 'render-key';

/**
 * Before the glob loader runs: forget the whole store when the code, settings or base path
 * changed, else the notes rendered against files that changed since. Says whether it cleared a
 * store that had notes, and gives the dropped notes' file paths (relative to the project root).
 */
export function refreshStore(
  store: StoreLike,
  meta: MetaLike,
  graph: NoteGraph,
  dev: boolean,
  digest?: (text: string) => string,
): { cleared: boolean; stale: string[] } {
  const key = renderKey(graph.contentDir, graph.root, dev);
  if (meta.get(KEY) !== key) {
    const cleared = store.entries().length > 0;
    store.clear();
    meta.set(KEY, key);
    return { cleared, stale: [] };
  }
  // (Only with the same key: the same code recorded those ids.)
  if (digest) rememberStoredIds(store.entries(), digest, graph.root);
  const stale = staleEntries(store.entries(), graph);
  for (const { id } of stale) store.delete(id);
  // (A dev server's stand-in for a note it had not rendered yet is no news.)
  const reported = stale.filter(({ entry }) => !isPendingRender(entry.rendered));
  return { cleared: false, stale: reported.flatMap(({ filePath }) => (filePath ? [filePath] : [])) };
}

/** What watchDependencies uses of the loader's watcher (the dev server's relay, dev-notes.ts). */
export interface EmittingWatcher {
  on(event: string, listener: (path: string) => void): unknown;
  add(paths: string | readonly string[]): unknown;
  emit(event: string, path: string): boolean;
}

/**
 * Dev server: when a file under the notes folder or public/ is added, changed or removed, the
 * notes that depend on it are marked changed in the store and handed to the glob loader again, as
 * if they had been saved (it renders them again, the page reloads).
 */
export function watchDependencies(watcher: EmittingWatcher, store: WritableStoreLike, currentGraph: () => NoteGraph): void {
  const graph = currentGraph();
  const publicDir = publicDirOf(graph.root);
  watcher.add(publicDir);
  const resyncing = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const pass = () => {
    timer = undefined;
    const now = currentGraph();
    // (A note still waiting for its first render is rendered against the files as they are then.)
    const stale = staleEntries(store.entries().filter(([, entry]) => !isPendingRender(entry.rendered)), now);
    for (const { id, filePath, entry } of stale) {
      // Kept (its page is served until the new render is in) but marked changed, so that the glob
      // loader renders it again instead of reusing it; without a file path, dropped.
      if (!filePath) {
        store.delete(id);
        continue;
      }
      store.set({ ...(entry as StoredEntry & { data: Record<string, unknown> }), id, digest: `stale:${String(entry.digest ?? '')}` });
      const absolute = path.resolve(now.root, filePath);
      resyncing.add(absolute);
      watcher.emit('change', absolute);
    }
  };
  const inside = (dir: string, file: string) => {
    const rel = path.relative(dir, file);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  for (const event of ['add', 'change', 'unlink']) {
    watcher.on(event, (file) => {
      const absolute = path.resolve(file);
      if (resyncing.delete(absolute)) return;
      if (!inside(graph.contentDir, absolute) && !inside(publicDir, absolute)) return;
      // Several files saved at once (a folder of images copied in) make one pass.
      clearTimeout(timer);
      timer = setTimeout(pass, 100);
    });
  }
}
