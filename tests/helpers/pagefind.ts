/**
 * Searches a built site's Pagefind index from Node, with Pagefind's own browser code
 * (<dist>/pagefind/pagefind.js and its WebAssembly), the way the search dialog does: no
 * document, so no worker and the only language index there is. pagefind.js fetches its files
 * relative to its own URL, a file: URL here, which Node's fetch cannot read: those requests are
 * answered from disk while a search runs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

interface PagefindModule {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string): Promise<{ results: { data(): Promise<RawData> }[] } | null>;
}

interface RawData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results: { title: string; url: string; excerpt: string; anchor?: { id: string } }[];
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
  search(term: string): Promise<FoundNote[]>;
  close(): void;
}

/** Opens `<dist>/pagefind/`; result URLs are prefixed with `baseUrl` as on the site. */
export async function openSiteSearch(dist: string, baseUrl = '/'): Promise<SiteSearch> {
  installFileFetch();
  // A query string makes every call a fresh module instance (pagefind.js keeps its state per module).
  const href = `${pathToFileURL(path.join(dist, 'pagefind', 'pagefind.js')).href}?site=${Date.now()}-${Math.random()}`;
  const pf = (await import(/* @vite-ignore */ href)) as PagefindModule;
  await pf.options({ baseUrl, noWorker: true });
  await pf.init();
  return {
    async search(term) {
      const found = await pf.search(term);
      const data = await Promise.all((found?.results ?? []).map((r) => r.data()));
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
