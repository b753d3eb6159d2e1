// The Pagefind search index for a built site: every note page (the pages whose HTML has
// `data-pagefind-body`, set on the note's <article>) is indexed; the home page, the 404 page and
// any other page are not. Written to `<outDir>/pagefind/`, with only the files the site's own
// search UI (src/browser/search.ts) loads: pagefind.js, its WebAssembly, the entry file, the
// language meta, index and fragment chunks. Pagefind's prebuilt UIs are not written.
//
// Korean: Pagefind splits on whitespace and punctuation only, has no Korean stemmer and matches
// query words as prefixes of indexed words; so each page is indexed with the parts of its Korean
// compounds added (src/browser/korean-search.ts), and the dialog strips particles from the query
// (src/browser/search-notes.ts). tests/unit/search-index.test.ts checks a real index.
import { readFileSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { addSearchTokens, closingTagEnd, PAGEFIND_BODY } from '../browser/korean-search.ts';
import { releaseMemory } from '../core/memory.ts';

/** Pages handed to Pagefind before the first of them is indexed (bounded: each is held in memory until then). */
const PAGES_IN_FLIGHT = 8;

/** Pagefind's output directory, relative to the site's output directory. */
export const PAGEFIND_DIR = 'pagefind';

/** Files Pagefind writes that this site never loads (its prebuilt UIs and the highlighter). */
export function isUnusedBundleFile(file: string): boolean {
  return /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/.test(file) || file === 'pagefind-worker.js';
}

/** The URL path (below the base, percent-encoded like Pagefind's own) of a built HTML file. */
export function pageUrl(relativeHtmlPath: string): string {
  const posix = relativeHtmlPath.split(path.sep).join('/');
  const dir = posix === 'index.html' ? '' : posix.endsWith('/index.html') ? posix.slice(0, -'index.html'.length) : posix;
  return `/${dir.split('/').map((s) => encodeURIComponent(s.normalize('NFC'))).join('/')}`;
}

/** Whether a built page is a note page (its HTML marks the searchable part). */
export function isSearchablePage(html: string): boolean {
  return PAGEFIND_BODY.test(html);
}

// Markup inside which a closing tag may be text or a comment: an element holding any of it is not cut out by counting tags.
const OPAQUE = /<!--|<!\[CDATA\[|<(script|style|textarea|title|template|noscript|xmp|iframe|noembed|noframes|plaintext)[\s>/]/i;

/**
 * What Pagefind reads of a note page: everything before `<body>` (the language, the title) and
 * the `data-pagefind-body` element, the only part of such a page it indexes; the rest (header,
 * sidebar, the TOC and scripts around the note, about half of the page) it would parse only to
 * skip. The whole page when there is no such element, or it holds markup a closing tag could hide
 * in. tests/build/search.test.ts checks that the index is the same as from the whole pages.
 */
export function searchablePart(html: string): string {
  const open = PAGEFIND_BODY.exec(html);
  const bodyTag = /<body(?=[\s>/])[^>]*>/i.exec(html);
  if (!open || !bodyTag || bodyTag.index > open.index) return html;
  const openEnd = html.indexOf('>', open.index) + 1;
  if (openEnd === 0) return html;
  const end = closingTagEnd(html, open[1]!, openEnd);
  const element = html.slice(open.index, end);
  if (end >= html.length || OPAQUE.test(element)) return html;
  return `${html.slice(0, bodyTag.index + bodyTag[0].length)}${element}</body></html>`;
}

export interface SearchIndexResult {
  /** Note pages indexed. */
  pages: number;
  /** HTML pages in the output (indexed or not). */
  htmlPages: number;
  /** Total bytes written below `<outDir>/pagefind/`. */
  bytes: number;
  /** Bytes of the index proper (meta, index and fragment chunks), without pagefind.js and wasm. */
  indexBytes: number;
  outputPath: string;
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .filter((rel) => !rel.split(path.sep).includes(PAGEFIND_DIR))
    .sort();
}

export interface SearchIndexOptions {
  /** Index the parts of Korean compounds (src/browser/korean-search.ts); false gives Pagefind's default index (the benchmark's baseline). */
  compoundTokens?: boolean;
  /** Hand Pagefind whole pages instead of their searchable part (searchablePart; the test's baseline). */
  wholePages?: boolean;
}

/** Builds the index for the site in `outDir` (an `astro build` output) and writes it. */
export async function buildSearchIndex(outDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  const tokens = options.compoundTokens ?? true;
  const pagefind = await import('pagefind');
  const outputPath = path.join(outDir, PAGEFIND_DIR);
  try {
    const creating = pagefind.createIndex({});
    // From here to its end the build's memory is this process's and Pagefind's, which grows to
    // ~300 MB at 1000 notes: first the heap the page generation left goes back to the OS, while
    // Pagefind's process starts (in a frugal build, src/core/memory.ts).
    releaseMemory();
    const { index, errors } = await creating;
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    let pages = 0;
    const all = await htmlFiles(outDir);
    // A few pages in flight: Pagefind (its own process) indexes one while this thread reads and
    // tokenizes the next. Pagefind 1.x handles its messages one at a time in the order sent, and
    // the index depends on that order, so the output is the same as adding them one by one.
    const inFlight: Array<Promise<void>> = [];
    for (const rel of all) {
      // Read at once: the async read's four trips through the thread pool cost more than the read.
      const content = readFileSync(path.join(outDir, rel), 'utf8');
      if (!isSearchablePage(content)) continue;
      // Pagefind reads the page with the compound tokens added; the deployed page stays as built.
      const page = options.wholePages ? content : searchablePart(content);
      const adding = index.addHTMLFile({ url: pageUrl(rel), content: tokens ? addSearchTokens(page) : page }).then((added) => {
        if (added.errors.length > 0) throw new Error(`Pagefind could not index ${rel}: ${added.errors.join('; ')}`);
      });
      adding.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
      inFlight.push(adding);
      if (inFlight.length >= PAGES_IN_FLIGHT) await inFlight.shift();
      pages++;
    }
    for (const adding of inFlight) await adding;
    // Pagefind writes the files itself (instead of sending them here to be written one by one:
    // ~0.2 s of a 300-note index), then the ones the site never loads are removed.
    await rm(outputPath, { recursive: true, force: true });
    const writing = index.writeFiles({ outputPath });
    // And what reading the pages left, while Pagefind builds the index (its memory peaks now) and
    // this process only waits.
    releaseMemory();
    const { errors: writeErrors } = await writing;
    if (writeErrors.length > 0) throw new Error(`Pagefind could not build the index: ${writeErrors.join('; ')}`);
    let bytes = 0;
    let indexBytes = 0;
    for (const entry of await readdir(outputPath, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      if (entry.parentPath === outputPath && isUnusedBundleFile(entry.name)) {
        await rm(file);
        continue;
      }
      const size = (await stat(file)).size;
      bytes += size;
      if (/\.pf_(meta|index|fragment)$/.test(entry.name)) indexBytes += size;
    }
    await index.deleteIndex();
    return { pages, htmlPages: all.length, bytes, indexBytes, outputPath };
  } finally {
    await pagefind.close();
  }
}
