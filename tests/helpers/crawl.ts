/**
 * Crawl a served site (tests/helpers/serve.ts) from its home page the way a reader and a browser
 * would, and report every internal URL that does not work:
 *   - every `href`, `src`, `srcset`, `poster`, `content` (of meta tags) and `data-*` attribute that
 *     is a URL of the site, on every page reached (and on the 404 page, served for a missing path);
 *   - `url(…)` in every stylesheet reached (fonts, images);
 *   - `<loc>` in the sitemap, when there is one;
 *   - fragments (`#id`) against the ids of the target page.
 * A URL of the site must be under the base, answer 200 without a redirect (GitHub Pages redirects
 * `/note` to `/note/`: one more round trip, and a broken link on hosts that do not), and a fragment
 * must name an element of its page. Absolute URLs on the published origin (`site`, canonical and
 * sitemap URLs) are checked against the local server.
 */
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export interface CrawlOptions {
  /** The home page, e.g. http://127.0.0.1:1234/some-repo/ */
  start: string;
  /** The site's base path, e.g. /some-repo/ */
  base: string;
  /** The published origin (`https://kim.github.io`): URLs on it are mapped onto the local server. */
  site?: string;
  /** More URLs to start from, each must answer 200 (the sitemap). */
  extra?: string[];
  /** Missing paths to start from: each must answer 404 with a page (GitHub Pages' 404.html), whose links are checked. */
  notFound?: string[];
}

export interface CrawlProblem {
  /** The page (or stylesheet) the URL was found on. */
  on: string;
  url: string;
  problem: string;
}

export interface CrawlResult {
  /** Every HTML page fetched (decoded pathnames). */
  pages: Set<string>;
  /** Every internal URL checked (decoded, without fragment). */
  checked: Set<string>;
  problems: CrawlProblem[];
}

const URL_ATTRIBUTES = ['href', 'src', 'poster', 'action', 'formAction'];

interface Fetched {
  status: number;
  type: string;
  body: string;
  location?: string;
}

function decode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function idsOf(tree: Root): Set<string> {
  const ids = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    const id = node.properties?.id;
    if (typeof id === 'string') ids.add(id);
    if (node.tagName === 'a' && typeof node.properties?.name === 'string') ids.add(node.properties.name);
  });
  return ids;
}

/** Every URL-like value of a page, with where it came from. */
function urlsOf(tree: Root): Array<{ value: string; from: string }> {
  const found: Array<{ value: string; from: string }> = [];
  visit(tree, 'element', (node: Element) => {
    const props = node.properties ?? {};
    for (const [key, raw] of Object.entries(props)) {
      if (typeof raw !== 'string') continue;
      const value = raw.trim();
      if (URL_ATTRIBUTES.includes(key)) found.push({ value, from: `<${node.tagName} ${key}>` });
      else if (key === 'srcSet' || key === 'imageSrcSet') {
        for (const part of value.split(',')) {
          const url = part.trim().split(/\s+/)[0];
          if (url) found.push({ value: url, from: `<${node.tagName} srcset>` });
        }
      } else if ((key === 'content' && node.tagName === 'meta') || key.startsWith('data')) {
        // Only values that look like URLs of this site (checked below); other data is text.
        if (/^(\/|https?:\/\/|\.\.?\/)/.test(value) && !/\s/.test(value)) found.push({ value, from: `<${node.tagName} ${key}>` });
      }
    }
  });
  return found;
}

export async function crawlSite(options: CrawlOptions): Promise<CrawlResult> {
  const start = new URL(options.start);
  const origin = start.origin;
  const base = options.base.endsWith('/') ? options.base : `${options.base}/`;
  const site = options.site ? new URL(options.site).origin : undefined;
  const pages = new Set<string>();
  const checked = new Set<string>();
  const problems: CrawlProblem[] = [];
  const cache = new Map<string, Promise<Fetched>>();
  const idCache = new Map<string, Set<string>>();
  const queue: Array<{ url: URL; from: string; written: string }> = [{ url: start, from: '(start)', written: start.href }];
  for (const extra of options.extra ?? []) queue.push({ url: new URL(extra, start), from: '(start)', written: extra });
  for (const missing of options.notFound ?? []) queue.push({ url: new URL(missing, start), from: '(not found)', written: missing });
  const fragmentChecks: Array<{ on: string; url: URL; written: string }> = [];

  const get = (url: URL): Promise<Fetched> => {
    const key = url.origin + url.pathname;
    let pending = cache.get(key);
    if (!pending) {
      pending = fetch(key, { redirect: 'manual' }).then(async (res) => {
        const type = res.headers.get('content-type') ?? '';
        const body = /html|css|xml/.test(type) ? await res.text() : (await res.arrayBuffer(), '');
        const location = res.headers.get('location');
        return { status: res.status, type, body, ...(location ? { location } : {}) };
      });
      cache.set(key, pending);
    }
    return pending;
  };

  /** Map a URL found in a page onto the local server, or undefined when it is not the site's. */
  const internal = (value: string, pageUrl: URL): URL | undefined => {
    if (/^(mailto|tel|javascript|data|blob):/i.test(value)) return undefined;
    let url: URL;
    try {
      url = new URL(value, pageUrl);
    } catch {
      return undefined;
    }
    if (site && url.origin === site) url = new URL(url.pathname + url.search + url.hash, origin);
    return url.origin === origin ? url : undefined;
  };

  const check = async (url: URL, on: string, written: string): Promise<Fetched | undefined> => {
    const pathname = decode(url.pathname);
    if (!pathname.startsWith(base)) {
      problems.push({ on, url: written, problem: `not under the base ${base}` });
      return undefined;
    }
    checked.add(pathname);
    const res = await get(url);
    if (res.status >= 300 && res.status < 400) {
      problems.push({ on, url: written, problem: `redirects (${res.status}) to ${res.location ?? '?'}` });
      return undefined;
    }
    if (on === '(not found)') {
      if (res.status === 404 && res.type.includes('text/html')) return res;
      problems.push({ on, url: written, problem: `expected a 404 page, got HTTP ${res.status} ${res.type}` });
      return undefined;
    }
    if (res.status !== 200) {
      problems.push({ on, url: written, problem: `HTTP ${res.status}` });
      return undefined;
    }
    return res;
  };

  const seen = new Set<string>();
  while (queue.length > 0) {
    const { url, from, written } = queue.shift()!;
    const key = url.origin + url.pathname;
    // Every link is checked (fetches are cached); each page is read once.
    const res = await check(url, from, written);
    if (!res || seen.has(key)) continue;
    seen.add(key);
    if (res.type.includes('text/css')) {
      for (const m of res.body.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
        const value = m[2]!;
        const target = internal(value, url);
        if (target) await check(target, decode(url.pathname), value);
        else if (!/^(data:|https?:)/.test(value)) problems.push({ on: decode(url.pathname), url: value, problem: 'unresolvable url()' });
      }
      continue;
    }
    if (res.type.includes('xml') && /<urlset|<sitemapindex/.test(res.body)) {
      for (const m of res.body.matchAll(/<loc>([^<]+)<\/loc>/g)) {
        const target = internal(m[1]!.trim(), url);
        if (!target) problems.push({ on: decode(url.pathname), url: m[1]!, problem: 'sitemap URL not on the site' });
        else queue.push({ url: target, from: decode(url.pathname), written: m[1]!.trim() });
      }
      continue;
    }
    if (!res.type.includes('text/html')) continue;
    const pagePath = decode(url.pathname);
    if (res.status === 200) pages.add(pagePath);
    const tree = fromHtml(res.body);
    idCache.set(key, idsOf(tree));
    for (const { value, from: attr } of urlsOf(tree)) {
      if (value === '') continue;
      const target = internal(value, url);
      if (!target) continue;
      const on = `${pagePath} ${attr}`;
      if (target.hash && target.hash !== '#') fragmentChecks.push({ on, url: target, written: value });
      // A fragment of this very page (a skip link, a heading anchor): the page is being read.
      if (target.hash && target.origin + target.pathname === key) continue;
      const isNavigation = attr.startsWith('<a ') || attr.startsWith('<area ');
      const isStylesheetOrData = /\.(css|xml)$/.test(target.pathname) || attr.includes('data');
      if (isNavigation || isStylesheetOrData || target.pathname.endsWith('/') || target.pathname.endsWith('.html')) {
        // Pages, stylesheets and sitemaps are crawled; `check` runs when they are dequeued.
        queue.push({ url: target, from: on, written: value });
      } else {
        await check(target, on, value);
      }
    }
  }

  for (const { on, url, written } of fragmentChecks) {
    const key = url.origin + url.pathname;
    const ids = idCache.get(key);
    if (!ids) continue; // the page itself is reported broken (or is not HTML)
    const id = decode(url.hash.slice(1));
    if (!ids.has(id)) problems.push({ on, url: written, problem: `no element with id "${id}" on ${decode(url.pathname)}` });
  }
  return { pages, checked, problems };
}
