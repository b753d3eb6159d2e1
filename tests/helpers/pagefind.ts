/**
 * Searches a built site's Pagefind index from Node, with Pagefind's own browser code
 * (<dist>/pagefind/pagefind.js and its WebAssembly) and the dialog's own query code
 * (src/browser/search-notes.ts), the way the search dialog does: no
 * document, so no worker and the only language index there is. pagefind.js fetches its files
 * relative to its own URL, a file: URL here, which Node's fetch cannot read: those requests are
 * answered from disk while a search runs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PAGEFIND_OPTIONS, searchNotes, type NotesSearch } from '../../src/browser/search-notes.ts';
import type { Pagefind } from '../../src/browser/search-render.ts';

export interface FoundSection {
  title: string;
  url: string;
  excerpt: string;
  anchorId?: string;
}

export interface FoundNote {
  title: string | undefined;
  url: string;
  excerpt: string;
  sections: FoundSection[];
}

let fileFetchUsers = 0;
let realFetch: typeof fetch | undefined;

function installFileFetch(): void {
  if (fileFetchUsers++ > 0) return;
  realFetch = globalThis.fetch;
  const original = realFetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== 'file:') return original(input, init);
    try {
      return new Response(await readFile(fileURLToPath(url)));
    } catch {
      return new Response(null, { status: 404 });
    }
  }) as typeof fetch;
}

function removeFileFetch(): void {
  if (--fileFetchUsers > 0 || !realFetch) return;
  globalThis.fetch = realFetch;
  realFetch = undefined;
}

export interface SiteSearch {
  /** The notes the dialog lists for `term` (all of them, not only the first page). */
  search(term: string): Promise<FoundNote[]>;
  /** The dialog's whole answer: a hint, or the notes with their total. */
  run(term: string, max?: number): Promise<NotesSearch>;
  close(): void;
}

/** Opens `<dist>/pagefind/`; result URLs are prefixed with `baseUrl` as on the site. */
export async function openSiteSearch(dist: string, baseUrl = '/'): Promise<SiteSearch> {
  installFileFetch();
  // A query string makes every call a fresh module instance (pagefind.js keeps its state per module).
  const href = `${pathToFileURL(path.join(dist, 'pagefind', 'pagefind.js')).href}?site=${Date.now()}-${Math.random()}`;
  const pf = (await import(/* @vite-ignore */ href)) as Pagefind;
  await pf.options({ ...PAGEFIND_OPTIONS, baseUrl, noWorker: true });
  await pf.init();
  return {
    run: (term, max = 1000) => searchNotes(pf, term, max),
    async search(term) {
      const found = await searchNotes(pf, term, 1000);
      const data = found.kind === 'results' ? found.notes : [];
      return data.map((d) => ({
        title: d.meta.title,
        url: d.url,
        excerpt: d.excerpt,
        sections: d.sub_results.map((s) => ({ title: s.title, url: s.url, excerpt: s.excerpt, ...(s.anchor ? { anchorId: s.anchor.id } : {}) })),
      }));
    },
    close: removeFileFetch,
  };
}
