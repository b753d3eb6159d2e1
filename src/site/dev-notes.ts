// The notes in `npm run dev`: what Astro's glob loader does not do by itself.
//
// 1. Watching survives a dev-server restart. Saving astro.config.mjs restarts Vite in place: the
//    old file watcher is closed (chokidar drops every listener) and Astro 7 does not run the
//    loaders again, so new, changed and removed notes would go unnoticed until the server is
//    stopped. The loader is therefore handed a relay instead of Vite's watcher: the relay is fed
//    by every Vite server the integration sees (src/integrations/notes-dev.ts), and the paths the
//    loader asked to watch are added to each new one.
// 2. A note that fails to load is an error on every page, with file and line: Astro's loader only
//    logs "Failed to reload …" and keeps serving the old note (or none). Here the loader's own
//    error is read back, or the note is checked as the loader does to find the line; the
//    error goes to the diagnostics collector (printed by notes-diagnostics), and the pages throw
//    it (`throwBrokenNote`), which Astro shows in its error overlay. Saving the note again clears it.
//    A note that stops the loader when the server starts is shown the same way, and the loader
//    runs again once a note changes.
// 3. A note's old diagnostics are forgotten when it changes, before it is loaded again.
// 4. An edit shows without waiting for Astro's data store file. A page reads notes from that file,
//    which Astro writes 500 ms after the last change and the page then parses whole again (about a
//    second per edit at 300 notes, growing with the notes). Here pages read the notes from the store
//    in memory, the one the loader writes to (`liveEntries`), as getCollection would give them, and
//    after a change the store file is written at once (`refreshContent`, an integration hook, with no
//    loader to run), so the browser reloads as soon as the file is written. While the loader runs
//    (server start, a sync) pages wait for it (`notesLoaded`) instead of reading half a load.
// 5. The last save is the one shown: the relay delivers a note's events one at a time and delivers
//    a save the file watcher swallowed (watch-relay.ts).
//
// State lives on globalThis: the config (integrations) and the content config (loader) are
// separate module instances in the same process.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diagnostics, NoteError, type Diagnostic } from '../core/diagnostics.ts';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { isDiagnostic, parseErrorDiagnostic, readNote } from '../notes/note-files.ts';
import { noteErrorAt } from '../notes/note-source.ts';
import { displayPath } from '../core/project.ts';
import { FILE_EVENTS, Relay, type WatcherLike } from './watch-relay.ts';
import { holdRenders, readFromStoreFile } from './dev-renders.ts';

interface DevState {
  /** The relay the loader currently listens to. */
  relay?: Relay;
  /** The watcher of the newest Vite dev server (the live one). */
  server?: WatcherLike;
  /** Server watchers already heard. */
  heard: WeakSet<object>;
  /** Notes that failed to load, by absolute path. */
  broken: Map<string, NoteError>;
  /** The version (hash) of a note loaded again after a failure of an older version (staleFailure). */
  reloaded: Map<string, string>;
  /** The notes collection's store in memory, as the loader holds it. */
  store?: LiveStore;
  /** The loader's runs, one after another; settled when the last one is done. */
  loading?: Promise<void>;
  /** Whether a load is running now (its changes to the store are written when it is done). */
  loadingNow?: boolean;
  /** Astro's refreshContent (astro:server:setup). */
  refresh?: (options: { loaders?: string[] }) => Promise<void>;
  /** The copy of each stored note that pages were given (liveEntries). */
  copies?: WeakMap<object, unknown>;
}

/** What pages read of the collection's store (Astro's scoped data store). */
export interface LiveStore {
  values(): unknown[];
  set(entry: { id: string }): unknown;
  delete(id: string): unknown;
  clear(): unknown;
}

const state = ((globalThis as Record<string, unknown>).__notesDev ??= {
  heard: new WeakSet(),
  broken: new Map(),
  reloaded: new Map(),
}) as DevState;
state.reloaded ??= new Map();

/**
 * Called by the integration for each Vite dev server (the first one and every restart): its
 * watcher feeds the loader's relay from now on and watches what the loader asked for. Events go
 * to whichever relay is current, so a loader that runs again (content config edited) hears them.
 */
export function watchDevServer(watcher: WatcherLike): void {
  if (state.heard.has(watcher)) return;
  state.heard.add(watcher);
  for (const event of FILE_EVENTS) watcher.on(event, (file) => state.relay?.emit(event, file));
  state.server = watcher;
  if (state.relay && state.relay.paths.size > 0) watcher.add([...state.relay.paths]);
}

/**
 * The watcher to give the glob loader in place of Astro's (undefined outside the dev server).
 * When no dev server announced itself (the integration is missing), the relay hears Astro's own
 * watcher, which is what the loader would have had.
 */
export function relayWatcher<W extends object>(astroWatcher: W | undefined, contentDir: string): W | undefined {
  if (!astroWatcher) return undefined;
  let fallback: WatcherLike | undefined;
  // A save is delivered once at a time per note, and one the watcher swallowed anyway (watch-relay.ts).
  const relay = new Relay({
    watch: (paths) => (state.server ?? fallback)?.add(paths),
    onError: (error, file) => console.error(`[notes] handling a change to ${file} failed:`, error),
    // The notes still being rendered since the server started wait for a saved note (dev-renders.ts).
    onDelivery: holdRenders,
  });
  relay.setMaxListeners(50);
  state.relay = relay;
  // Forget a changed note's diagnostics before the loader reads it again (listeners run in order).
  for (const event of FILE_EVENTS) relay.on(event, (file: string) => forgetNote(file, contentDir));
  if (!state.server) {
    // Astro tracks these listeners and removes them when it runs the loader again.
    const own = astroWatcher as unknown as WatcherLike;
    for (const event of FILE_EVENTS) own.on(event, (file) => relay.emit(event, file));
    fallback = own;
  }
  return relay as unknown as W;
}

/** Whether a path is a note of the content directory. */
function isNote(file: string, contentDir: string): boolean {
  const rel = path.relative(contentDir, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel) && /\.mdx?$/i.test(file);
}

function forgetNote(file: string, contentDir: string): void {
  if (!isNote(file, contentDir)) return;
  state.broken.delete(file);
  // Diagnostics name the file relative to the project (loader) or to the working directory
  // (plugins); both are the same for notes inside the project.
  diagnostics.clearFile(displayPath(file));
  diagnostics.clearFile(path.relative(process.cwd(), file).split(path.sep).join('/'));
}

/** Messages of Astro's glob loader, in the dev server, that mean a note could not be loaded. */
const FAILED = /^(?:Failed to reload|Error rendering) (.+?): ([\s\S]*)$/;

/**
 * Look at a message the glob loader logs; a note that failed to load becomes an error with file and
 * line. Returns whether the message was such a failure.
 */
export function noteLoadMessage(message: string, contentDir: string): boolean {
  const match = FAILED.exec(message);
  if (!match) return false;
  const absolute = path.join(contentDir, match[1]!);
  const display = displayPath(absolute);
  if (staleFailure(absolute, display, match[2]!)) {
    // Load the note as it is now (the relay's listeners: its diagnostics forgotten, the loader).
    state.relay?.emit('change', absolute);
    return true;
  }
  const diagnostic = loadDiagnostic(absolute, display, match[2]!) ?? {
    severity: 'error',
    code: 'note-load-failed',
    file: display,
    message: match[2]!.trim(),
    hint: 'fix the note and save it again; the site keeps showing the last version that loaded',
  };
  state.broken.set(absolute, noteErrorAt(absolute, diagnostic));
  diagnostics.report(diagnostic);
  return true;
}

/** Failures the file's own bytes decide (encoding, frontmatter syntax): checkable again at once. */
const FILE_FAILURES = new Set(['invalid-utf8', 'invalid-frontmatter-yaml']);

/**
 * Whether a failure is of a version of the note that is gone. The loader reads a note when the
 * watcher's event comes and reports the failure when it is done; on a busy machine a save that
 * fixed the note can be read, and loaded, before the failure of the version before it arrives,
 * which would then show an error that no longer exists until the note is saved again. Once per
 * version of the file: if the note fails again as it is, the failure stands.
 */
function staleFailure(absolute: string, display: string, message: string): boolean {
  const reported = parseFormattedDiagnostic(message);
  if (!reported || !FILE_FAILURES.has(reported.code)) return false;
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch {
    return false;
  }
  const version = createHash('sha1').update(bytes).digest('hex');
  if (state.reloaded.get(absolute) === version) return false;
  if (currentFileProblem(absolute, display) !== undefined) return false;
  state.reloaded.set(absolute, version);
  return true;
}

/** The file-level checks of the loader on the note as it is now (encoding, frontmatter syntax). */
function currentFileProblem(absolute: string, display: string): Diagnostic | undefined {
  let text = '';
  try {
    const read = readNote(absolute, display);
    if (isDiagnostic(read)) return read;
    text = read.text;
    parseFrontmatter(text, { frontmatter: 'empty-with-spaces' });
    return undefined;
  } catch (error) {
    return parseErrorDiagnostic(error, display, text);
  }
}

/** The loader's checks on one note (those that run before the note is rendered), for the line. */
function loadDiagnostic(absolute: string, display: string, message: string): Diagnostic | undefined {
  // The loader's own note errors (not UTF-8, frontmatter, URL) arrive formatted: read them back.
  // Frontmatter that parses never stops a note from loading (only warnings: frontmatter.ts).
  return parseFormattedDiagnostic(message) ?? currentFileProblem(absolute, display);
}

/** A diagnostic back from formatDiagnostic's text (`file:line:col severity [code] message` + hint). */
export function parseFormattedDiagnostic(text: string): Diagnostic | undefined {
  const match = /^(\S+?)(?::(\d+))?(?::(\d+))? (warning|error) \[([\w-]+)\] ([^\n]*)(?:\n {2}hint: ([^\n]*))?/.exec(text.trim());
  if (!match) return undefined;
  const [, file, line, column, severity, code, message, hint] = match;
  return {
    severity: severity as Diagnostic['severity'],
    code: code!,
    file: file!,
    ...(line ? { line: Number(line) } : {}),
    ...(column ? { column: Number(column) } : {}),
    message: message!,
    ...(hint ? { hint } : {}),
  };
}

/**
 * The loader failed as a whole in the dev server (a note's frontmatter does not parse when the
 * server starts): the error goes on the pages, and the loader runs again on the next change to a
 * note (Astro's loader stopped before watching anything).
 */
export function devLoadFailed(error: unknown, contentDir: string, retry: () => Promise<void>): void {
  const noteError =
    error instanceof NoteError
      ? error
      : new NoteError({ severity: 'error', code: 'notes-load-failed', file: displayPath(contentDir), message: String((error as Error)?.message ?? error) });
  const file = (noteError as NoteError & { loc?: { file?: string } }).loc?.file ?? contentDir;
  state.broken.set(file, noteError);
  diagnostics.report(noteError.diagnostic);
  const relay = state.relay;
  if (!relay) return;
  relay.add(contentDir);
  let retried = false;
  for (const event of FILE_EVENTS) {
    relay.on(event, (changed: string) => {
      if (retried || !isNote(changed, contentDir)) return;
      retried = true;
      state.broken.delete(file);
      void retry();
    });
  }
}

/** In the dev server: throw the error of a note that failed to load, if there is one. */
export function throwBrokenNote(): void {
  const [first] = [...state.broken.values()].sort((a, b) => (a.diagnostic.file < b.diagnostic.file ? -1 : 1));
  if (first) throw first;
}

/** Notes that failed to load (for tests). */
export function brokenNotes(): NoteError[] {
  return [...state.broken.values()];
}

// ---------------------------------------------------------------------------------------------
// Edits without the store file (4. above)

/** A loader name no collection has: refreshContent then runs no loader and only writes the store. */
const WRITE_ONLY = 'notes-store-write';

/** Called by the integration with Astro's refreshContent (astro:server:setup). */
export function setContentRefresh(refresh: DevState['refresh']): void {
  state.refresh = refresh;
}

/** Write Astro's data store (and its asset and module imports) now, instead of 500 ms after the last change. */
function writeStore(): Promise<void> {
  return state.refresh?.({ loaders: [WRITE_ONLY] }).catch(() => undefined) ?? Promise.resolve();
}

let writeTimer: NodeJS.Timeout | undefined;
function writeStoreSoon(): void {
  // After the load, a change is one note (or the few a changed file leads to): written together.
  clearTimeout(writeTimer);
  writeTimer = setTimeout(() => void writeStore(), 10);
}

/**
 * The store given to the glob loader: the same store, and a change after the load writes the
 * store file at once. Remembered as the store pages read.
 */
export function liveStore<S extends LiveStore>(store: S): S {
  const tracked = Object.create(store) as S;
  const methods = tracked as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of ['set', 'delete', 'clear'] as const) {
    const own = (store[method] as (...args: unknown[]) => unknown).bind(store);
    methods[method] = (...args) => {
      const result = own(...args);
      if (!state.loadingNow) writeStoreSoon();
      return result;
    };
  }
  state.store = tracked;
  return tracked;
}

/**
 * Run a load of the notes (after any load still running): its changes to the store are written by
 * Astro when its sync ends, and pages wait for it (notesLoaded) rather than show half a load.
 */
export function runLoad(load: () => Promise<void>): Promise<void> {
  const run = (state.loading ?? Promise.resolve()).then(async () => {
    state.loadingNow = true;
    try {
      await load();
    } finally {
      state.loadingNow = false;
    }
  });
  state.loading = run.catch(() => undefined);
  return run;
}

/** Resolves once no load of the notes is running (at once outside the dev server). */
export function notesLoaded(): Promise<void> {
  return state.loading ?? Promise.resolve();
}

// (On globalThis: a render after the server started changes an entry from the loader's instance.)
const entryCopies = (state.copies ??= new WeakMap<object, unknown>());

/** A stored note changed in place (a render after the server started, dev-renders.ts): copy it again. */
export function entryChanged(entry: object): void {
  entryCopies.delete(entry);
}

/**
 * The notes as getCollection('notes') gives them, read from the store in memory (dev server),
 * or undefined when there is none or an entry needs Astro's image resolution (only getCollection
 * does it). Sorted by id, as the store file lists them; each entry a copy, as a read of the file
 * gives it, made once per stored version.
 */
export function liveEntries<T>(collection: string): T[] | undefined {
  const store = state.store;
  if (!store) return undefined;
  const raw = store.values() as Array<{ id: string }>;
  if (readFromStoreFile(raw)) return undefined;
  return [...raw]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((entry) => {
      let copy = entryCopies.get(entry);
      if (!copy) entryCopies.set(entry, (copy = { ...structuredClone(entry), collection }));
      return copy as T;
    });
}
