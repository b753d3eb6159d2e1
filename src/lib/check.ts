// The core of `npm run check`: report what the strict build would report about the notes, without
// building pages. Each note is parsed once (src/markdown/parse.ts) with the site's own plugin lists
// (createRemarkPlugins, createRehypePlugins), so a check added to the pipeline shows up here by
// itself; the loader's checks (UTF-8, frontmatter keys and types, unique URL) are the very function
// the content collection calls (checkNoteSource).

import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type PluggableList } from 'unified';
import { compareDiagnostics, NoteError, type Diagnostic } from './diagnostics.ts';
import { NoteIdRegistry } from './note-path.ts';
import { isDiagnostic, listNoteFiles, parseErrorDiagnostic, parseNoteText, readNote } from './note-files.ts';
import { checkNoteSource } from './note-source.ts';
import { displayPath, projectRoot } from './project.ts';
import { isMdxPath } from '../markdown/parse.ts';
import { createRehypePlugins, createRemarkPlugins, remarkRehypeOptions, type PipelineOptions } from '../markdown/pipeline.ts';

export interface CheckOptions {
  /** The project root that messages are relative to (default: the working directory). */
  root?: string;
  /** Check only these files (absolute); default: every note under the content directory. */
  files?: readonly string[];
}

export interface CheckResult {
  /** Every diagnostic, sorted by file and line. */
  diagnostics: Diagnostic[];
  /** How many note files were checked. */
  files: number;
}

/** What checking one note gives: its diagnostics and, when it has a usable one, its URL id. */
export interface NoteCheck {
  file: string;
  display: string;
  diagnostics: Diagnostic[];
  id?: string;
}

/** MDX nodes that remark-rehype hands on untouched (as @mdx-js/mdx does). */
const MDX_NODES = ['mdxFlowExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxTextExpression', 'mdxjsEsm'];

/**
 * The site's processor for .md (and for .mdx), as Astro assembles it, minus highlighting and HTML
 * output: remark-parse, GFM, our remark plugins (parsing with their syntax extensions), then
 * remark-rehype and our rehype plugins, every plugin reporting into `report`. Diagrams are left to
 * the browser (`mermaid: 'client'`): rendering them needs Chromium, too slow for a check.
 */
function createProcessors(report: (d: Diagnostic) => void, contentDir?: string) {
  const options: PipelineOptions = { report, mermaid: 'client', ...(contentDir ? { contentDir } : {}) };
  const build = (mdx: boolean) => {
    const plugins = [
      ...(mdx ? [remarkMdx] : []),
      remarkGfm,
      ...createRemarkPlugins(options),
      [remarkRehype, { allowDangerousHtml: true, passThrough: mdx ? MDX_NODES : [], ...remarkRehypeOptions }],
      ...createRehypePlugins(options),
    ] as PluggableList;
    return unified().use(remarkParse).use(plugins).freeze();
  };
  return { markdown: build(false), mdx: build(true) };
}

/** A checker for single notes; reuses one processor for every note it checks. */
export function createNoteChecker(contentDir: string, root: string = projectRoot()): (absolute: string) => Promise<NoteCheck> {
  let sink: Diagnostic[] = [];
  const processors = createProcessors((d) => sink.push(d), contentDir);
  return async (absolute) => {
    const display = displayPath(absolute, root);
    const found: Diagnostic[] = (sink = []);
    const result: NoteCheck = { file: absolute, display, diagnostics: found };
    const read = readNote(absolute, display);
    if (isDiagnostic(read)) {
      found.push(read);
      return result;
    }
    const parsed = parseNoteText(read.text, absolute, display, processors);
    if (isDiagnostic(parsed)) {
      found.push(parsed);
      return result;
    }
    try {
      // The loader's own checks, with a registry of its own: URL clashes are found across notes
      // afterwards (claimIds), so that notes can be checked in any order or in parallel.
      result.id = checkNoteSource(absolute, path.relative(contentDir, absolute), parsed.frontmatter, display, new NoteIdRegistry(() => false));
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
      found.push(error.diagnostic);
    }
    try {
      await (isMdxPath(absolute) ? processors.mdx : processors.markdown).run(parsed.tree as never, parsed.file);
    } catch (error) {
      found.push(parseErrorDiagnostic(error, display, read.text));
    }
    return result;
  };
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

/** Only the id of a note that is not reported on (for URL clashes): no Markdown parsing. */
function lightCheck(absolute: string, contentDir: string, root: string = projectRoot()): NoteCheck {
  const display = displayPath(absolute, root);
  const result: NoteCheck = { file: absolute, display, diagnostics: [] };
  try {
    const { frontmatter } = parseFrontmatter(readFileSync(absolute, 'utf8'), { frontmatter: 'empty-with-spaces' });
    result.id = checkNoteSource(absolute, path.relative(contentDir, absolute), frontmatter, display, new NoteIdRegistry(() => false));
  } catch {
    // reported when that note itself is checked
  }
  return result;
}

export interface ParallelOptions extends CheckOptions {
  /** Worker threads besides the calling one (default: one per further core, none for few notes). */
  workers?: number;
}

/**
 * checkNotes, with the notes shared among worker threads (Markdown parsing is the cost: about
 * 10 ms per 4 kB note). Every thread takes the next unchecked note from a shared counter, so a
 * worker that is still loading its modules never holds the others up.
 */
export async function checkNotesInParallel(contentDir: string, options: ParallelOptions = {}): Promise<CheckResult> {
  const root = options.root ?? projectRoot();
  const selected = selection(options.files);
  const all = listNoteFiles(contentDir);
  const wanted = selected ? all.filter((f) => selected.has(f)) : all;
  const workerCount = options.workers ?? (wanted.length >= 24 ? Math.min(availableParallelism(), 4) - 1 : 0);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const workers = Array.from({ length: Math.max(0, workerCount) }, () => {
    const data: WorkerInput = { contentDir, root, files: wanted, counter };
    const worker = new Worker(new URL('./check-worker.ts', import.meta.url), { workerData: data });
    return new Promise<NoteCheck[]>((resolve, reject) => {
      worker.once('message', (checks: NoteCheck[]) => resolve(checks));
      worker.once('error', reject);
      worker.once('exit', (code) => (code === 0 ? resolve([]) : reject(new Error(`check worker exited with ${code}`))));
    });
  });
  const own = await takeAndCheck(createNoteChecker(contentDir, root), wanted, counter);
  const others = selected ? all.filter((f) => !selected.has(f)).map((f) => lightCheck(f, contentDir, root)) : [];
  const checks = [...own, ...(await Promise.all(workers)).flat(), ...others];
  return { diagnostics: collect(checks, selected), files: wanted.length };
}

/** What a check worker is given (src/lib/check-worker.ts). */
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
