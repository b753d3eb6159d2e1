// The core of `npm run check`: report what the strict build would report about the notes, without
// building pages. This half is light (listing, sharing notes among threads, URL clashes, the
// cache); checking a note is src/commands/check-note.ts, loaded only when some note needs checking.

import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CheckCache } from './check-cache.ts';
import { hashFiles } from '../notes/fingerprint.ts';
import { listNoteFiles } from '../notes/content-files.ts';
import { compareDiagnostics, NoteError, type Diagnostic } from '../core/diagnostics.ts';
import { NoteIdRegistry } from '../notes/note-path.ts';
import { displayPath, projectRoot } from '../core/project.ts';

export interface CheckOptions {
  /** The project root that messages are relative to (default: the working directory). */
  root?: string;
  /** Check only these files (absolute); default: every note under the content directory. */
  files?: readonly string[];
  /** Reuse what earlier runs found for unchanged notes, and store what this one finds (check-cache.ts). */
  cache?: boolean;
}

export interface CheckResult {
  /** Every diagnostic, sorted by file and line. */
  diagnostics: Diagnostic[];
  /** How many note files were checked. */
  files: number;
  /** How many of them were unchanged since a cached run (their results reused). */
  reused: number;
}

/** What checking one note gives: its diagnostics and, when it has a usable one, its URL id. */
export interface NoteCheck {
  file: string;
  display: string;
  diagnostics: Diagnostic[];
  id?: string;
  /** Other notes whose contents the result depends on (links into them). */
  used?: string[];
  /** Whether the result depends on files outside the content directory (not cached). */
  elsewhere?: boolean;
}

/** Two notes with one URL: the error the content collection gives (its registry, in file order). */
export function claimIds(checks: readonly NoteCheck[]): Diagnostic[] {
  const registry = new NoteIdRegistry(() => true);
  const found: Diagnostic[] = [];
  for (const check of [...checks].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    if (check.id === undefined) continue;
    try {
      registry.claim(check.id, check.file, check.display);
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
      found.push(error.diagnostic);
    }
  }
  return found;
}

function collect(checks: readonly NoteCheck[], selected: ReadonlySet<string> | undefined): Diagnostic[] {
  const own = checks.filter((c) => !selected || selected.has(c.file)).flatMap((c) => c.diagnostics);
  return dedupe([...own, ...claimIds(checks)]).sort(compareDiagnostics);
}

function selection(files: readonly string[] | undefined): Set<string> | undefined {
  return files ? new Set(files.map((f) => path.resolve(f))) : undefined;
}

/**
 * Everything the strict build reports about the notes under `contentDir`, without building, in
 * this thread. With `files`, only those notes are reported on (every note is still read for URL
 * clashes).
 */
export async function checkNotes(contentDir: string, options: CheckOptions = {}): Promise<CheckResult> {
  return checkNotesInParallel(contentDir, { ...options, workers: 0 });
}

export interface ParallelOptions extends CheckOptions {
  /** Worker threads besides the calling one (default: one per further core, none for few notes). */
  workers?: number;
}

/**
 * checkNotes, with the notes shared among worker threads (Markdown parsing is the cost: about
 * 20 ms per 4 kB note). Every thread takes the next unchecked note from a shared counter, so a
 * worker that is still loading its modules never holds the others up.
 */
export async function checkNotesInParallel(contentDir: string, options: ParallelOptions = {}): Promise<CheckResult> {
  const root = options.root ?? projectRoot();
  const selected = selection(options.files);
  const all = listNoteFiles(contentDir);
  const wanted = selected ? all.filter((f) => selected.has(f)) : all;
  const others = selected ? all.filter((f) => !selected.has(f)) : [];
  const cache = options.cache ? CheckCache.load(contentDir, root) : undefined;
  const hashes = cache ? hashFiles(all) : new Map<string, string>();
  const fromCache = (file: string): NoteCheck | undefined => {
    const entry = cache?.get(file, hashes);
    return entry && { file, display: displayPath(file, root), diagnostics: entry.diagnostics, ...(entry.id !== undefined ? { id: entry.id } : {}) };
  };
  const reused: NoteCheck[] = [];
  const toCheck: string[] = [];
  for (const file of wanted) {
    const hit = fromCache(file);
    if (hit) reused.push(hit);
    else toCheck.push(file);
  }
  const light: NoteCheck[] = [];
  const lightToCheck: string[] = [];
  for (const file of others) {
    const hit = fromCache(file);
    if (hit) light.push({ ...hit, diagnostics: [] });
    else lightToCheck.push(file);
  }
  let fresh: NoteCheck[] = [];
  if (toCheck.length > 0 || lightToCheck.length > 0) {
    const { createNoteChecker, lightCheck } = await import('./check-note.ts');
    const workerCount = options.workers ?? (toCheck.length >= 24 ? Math.min(availableParallelism(), 4) - 1 : 0);
    fresh = await checkShared(toCheck, Math.max(0, workerCount), { contentDir, root }, () => createNoteChecker(contentDir, root));
    light.push(...lightToCheck.map((f) => lightCheck(f, contentDir, root)));
  }
  if (cache) {
    for (const check of fresh) {
      if (check.elsewhere) cache.delete(check.file);
      else {
        const deps = Object.fromEntries((check.used ?? []).map((f) => [f, hashes.get(f) ?? '']));
        cache.set(check.file, { hash: hashes.get(check.file) ?? '', ...(check.id !== undefined ? { id: check.id } : {}), diagnostics: check.diagnostics, deps });
      }
    }
    cache.save();
  }
  return { diagnostics: collect([...reused, ...fresh, ...light], selected), files: wanted.length, reused: reused.length };
}

/** Check `files` on this thread and `workers` more, each taking the next note from a shared counter. */
async function checkShared(
  files: readonly string[],
  workers: number,
  where: { contentDir: string; root: string },
  createChecker: () => (file: string) => Promise<NoteCheck>,
): Promise<NoteCheck[]> {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const running = Array.from({ length: workers }, () => {
    const data: WorkerInput = { ...where, files, counter };
    const worker = new Worker(new URL('./check-worker.ts', import.meta.url), { workerData: data });
    return new Promise<NoteCheck[]>((resolve, reject) => {
      worker.once('message', (checks: NoteCheck[]) => resolve(checks));
      worker.once('error', reject);
      worker.once('exit', (code) => (code === 0 ? resolve([]) : reject(new Error(`check worker exited with ${code}`))));
    });
  });
  const own = await takeAndCheck(createChecker(), files, counter);
  return [...own, ...(await Promise.all(running)).flat()];
}

/** What a check worker is given (src/commands/check-worker.ts). */
export interface WorkerInput {
  contentDir: string;
  root: string;
  files: readonly string[];
  /** Index of the next note to check, shared by every thread. */
  counter: Int32Array;
}

/** Check notes from `files`, taking the next one from the shared counter until none is left. */
export async function takeAndCheck(
  check: (file: string) => Promise<NoteCheck>,
  files: readonly string[],
  counter: Int32Array,
): Promise<NoteCheck[]> {
  const done: NoteCheck[] = [];
  for (let i = Atomics.add(counter, 0, 1); i < files.length; i = Atomics.add(counter, 0, 1)) done.push(await check(files[i]!));
  return done;
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}\0${d.line ?? ''}\0${d.column ?? ''}\0${d.code}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
