// Page views of `npm run bench` (scripts/bench.ts), the same for our site and the peer: what real
// Chromium fetches for a note page, counted on the wire. Each built site is served the way a
// static host serves it (text gzip-compressed, `Cache-Control: max-age=600` and an ETag, as GitHub
// Pages does); a fresh browser profile opens one note page (first view: everything it loads,
// fonts included, until the network is idle and no request follows for 1.5 s), then another note
// page in the same tab (second view: only what was not in the browser's cache); a request counts
// for the page whose document made it. Bytes are the encoded bytes Chromium received
// (DevTools' Network.loadingFinished), headers included.
// Then, in fresh profiles of their own (so the byte counts above are untouched), the first note
// page is loaded again over an emulated slow network (`SLOW_NETWORK`): text paints before the font
// file arrives, and the layout shift the swap causes is summed (`LayoutShift`); and it is laid out
// with its font files refused and with them, to count what the swap moves anywhere in the note, in
// view or not (`Reflow`). Both depend on the system fonts Chromium falls back to: this machine's,
// or those of a fontconfig file named by FONTCONFIG_FILE (e.g. one adding Noto Sans CJK KR).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { findChromium, launchChromium, newKoreanContext } from '../tests/helpers/browser.ts';
import { contentTypeFor } from '../tests/helpers/serve.ts';

export interface View {
  bytes: number;
  requests: number;
  /** Bytes by kind (document, stylesheet, script, font, image, fetch, other). */
  byType: Record<string, number>;
}

/** The first view's layout shift over a slow network. */
export interface LayoutShift {
  /** Cumulative layout shift: the 'layout-shift' entries' values (none after input), summed. */
  cls: number;
  /** Shifts counted. */
  shifts: number;
  /** First contentful paint (ms from navigation start). */
  fcpMs: number;
  /** When the page's fonts had loaded (ms; the last 'loadingdone'); after fcpMs, text first painted in another font. */
  fontMs: number;
  /** The font the note's text is drawn in at the end (Chromium's platform font for its first paragraph). */
  font: string;
}

/** Blocks of the note (paragraphs, items, headings…) that the font swap moves, at one width. */
export interface Reflow {
  width: number;
  blocks: number;
  /** Blocks whose top differs by a pixel or more between the fallback and the site's fonts. */
  moved: number;
  /** The note's height in the fallback minus its height in the site's fonts (px). */
  heightPx: number;
}

export const REFLOW_WIDTHS = [1280, 390] as const;

export interface Views {
  first: View;
  second: View;
  pages: [string, string];
  /** The first page again, fresh profile, slow network. */
  shift?: LayoutShift;
  /** The first page laid out with and without its web fonts. */
  reflow?: Reflow[];
}

/**
 * A slow connection (DevTools' Network.emulateNetworkConditions; throughput in bytes/s), slow enough
 * that the font arrives after the first paint: Chromium holds the first paint for a preloaded font
 * for a while, and at 1.6 Mbit/s and 150 ms the site's first font file was in before it.
 */
export const SLOW_NETWORK = { offline: false, latency: 400, downloadThroughput: (0.4 * 1024 * 1024) / 8, uploadThroughput: (0.4 * 1024 * 1024) / 8 };

const COMPRESSED = /^(text\/|application\/(javascript|json|xml|manifest)|image\/svg)/;

/** A static host for `dist`: gzip for text, a max-age and an ETag (304 when it matches). */
async function host(dist: string): Promise<{ server: Server; origin: string }> {
  const gzipped = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    let rel: string;
    try {
      rel = decodeURIComponent((req.url ?? '/').split(/[?#]/)[0]!);
    } catch {
      res.statusCode = 400;
      return res.end();
    }
    if (rel.split('/').includes('..')) {
      res.statusCode = 400;
      return res.end();
    }
    let file = path.join(dist, rel);
    if (rel.endsWith('/')) file = path.join(file, 'index.html');
    let size: number;
    let mtime: number;
    try {
      const s = statSync(file);
      if (!s.isFile()) throw new Error('not a file');
      size = s.size;
      mtime = s.mtimeMs;
    } catch {
      res.statusCode = 404;
      return res.end('not found');
    }
    const type = contentTypeFor(file);
    const etag = `"${createHash('sha1').update(`${file}:${size}:${mtime}`).digest('hex').slice(0, 16)}"`;
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', 'max-age=600');
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      return res.end();
    }
    let body: Buffer = readFileSync(file);
    if (COMPRESSED.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      if (!gzipped.has(file)) gzipped.set(file, gzipSync(body));
      body = gzipped.get(file)!;
      res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Vary', 'Accept-Encoding');
    }
    res.setHeader('Content-Length', body.byteLength);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Bytes of the two views of `pages` (site paths) of the site built in `dist`; undefined without Chromium. */
export async function measureViews(dist: string, pages: [string, string]): Promise<Views | undefined> {
  const chromium = findChromium();
  if (!chromium.found) return undefined;
  const { server, origin } = await host(dist);
  const browser = await launchChromium(chromium.executablePath);
  try {
    const context = await newKoreanContext(browser);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const types = new Map<string, string>();
    let current: View = { bytes: 0, requests: 0, byType: {} };
    // Each request counts for the page that made it (its document's loader), not for the page open
    // when it ends: a script a page loads late (an idle callback) is that page's, even when it
    // finishes after the next page was asked for.
    const viewOfLoader = new Map<string, View>();
    const loaderOf = new Map<string, string>();
    let sent = 0;
    cdp.on('Network.requestWillBeSent', (e) => {
      sent++;
      if (!e.loaderId) return;
      loaderOf.set(e.requestId, e.loaderId);
      if (!viewOfLoader.has(e.loaderId)) viewOfLoader.set(e.loaderId, current);
    });
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type.toLowerCase()));
    cdp.on('Network.loadingFinished', (e) => {
      if (e.encodedDataLength <= 0) return;
      const type = types.get(e.requestId) ?? 'other';
      const loader = loaderOf.get(e.requestId);
      const into = (loader && viewOfLoader.get(loader)) || current;
      into.bytes += e.encodedDataLength;
      into.requests++;
      into.byType[type] = (into.byType[type] ?? 0) + e.encodedDataLength;
    });
    const view = async (site: string): Promise<View> => {
      current = { bytes: 0, requests: 0, byType: {} };
      const response = await page.goto(new URL(encodeURI(site), origin).href, { waitUntil: 'networkidle', timeout: 120_000 });
      if (response?.status() !== 200) throw new Error(`${site}: HTTP ${response?.status()}`);
      await page.evaluate(() => document.fonts.ready);
      await page.waitForLoadState('networkidle');
      // What a page asks for once idle (an idle callback, a timer) is still its first view: done
      // when a further 1.5 s pass without a request (a loaded machine runs idle callbacks late).
      for (let before = -1; before !== sent; ) {
        before = sent;
        await new Promise((r) => setTimeout(r, 1500));
        await page.waitForLoadState('networkidle');
      }
      return current;
    };
    const first = await view(pages[0]);
    const second = await view(pages[1]);
    await context.close();
    const url = new URL(encodeURI(pages[0]), origin).href;
    const shift = await measureShift(browser, url);
    const reflow = await measureReflow(browser, url);
    return { first, second, pages, shift, reflow };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

/** The font a page's text ends up in: what Chromium drew the note's first Korean paragraph with. */
async function renderedFont(page: Page, cdp: CDPSession): Promise<string> {
  await page.evaluate(() => [...document.querySelectorAll('main p')].find((p) => /[가-힣]/.test(p.textContent ?? ''))?.setAttribute('data-bench-font', ''));
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-bench-font]' });
  if (!nodeId) return '–';
  await cdp.send('CSS.enable');
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  // The font of most of its characters.
  return [...fonts].sort((a, b) => b.glyphCount - a.glyphCount)[0]?.familyName ?? '–';
}

/** A page's first view over SLOW_NETWORK in a fresh profile: the layout shift until fonts are in. */
async function measureShift(browser: Browser, url: string): Promise<LayoutShift> {
  const context = await newKoreanContext(browser);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_NETWORK);
    // When the page's fonts last finished loading, on the page's clock.
    await page.addInitScript(() => {
      document.fonts.addEventListener('loadingdone', () => {
        (window as unknown as { fontsDoneMs: number }).fontsDoneMs = performance.now();
      });
    });
    const response = await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    if (response?.status() !== 200) throw new Error(`${url}: HTTP ${response?.status()}`);
    await page.evaluate(() => document.fonts.ready);
    await page.waitForLoadState('networkidle');
    // Two frames, so a shift of the last swap is recorded before the entries are read.
    const shift = await page.evaluate(
      () =>
        new Promise<Omit<LayoutShift, 'font'>>((resolve) => {
          let cls = 0;
          let shifts = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
              if (e.hadRecentInput) continue;
              cls += e.value;
              shifts++;
            }
          }).observe({ type: 'layout-shift', buffered: true });
          requestAnimationFrame(() =>
            requestAnimationFrame(() =>
              setTimeout(() => {
                const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
                const fontMs = (window as unknown as { fontsDoneMs?: number }).fontsDoneMs ?? 0;
                resolve({ cls: Math.round(cls * 10000) / 10000, shifts, fcpMs: Math.round(fcp), fontMs: Math.round(fontMs) });
              }, 50),
            ),
          );
        }),
    );
    return { ...shift, font: await renderedFont(page, cdp) };
  } finally {
    await context.close();
  }
}

/** Where the blocks of a page's note lie, with or without its web fonts. */
async function blockLayout(browser: Browser, url: string, width: number, webFonts: boolean): Promise<{ tops: number[]; height: number }> {
  const context = await newKoreanContext(browser, { viewport: { width, height: 800 } });
  try {
    const page = await context.newPage();
    if (!webFonts) await page.route(/\.(woff2?|ttf|otf)(\?.*)?$/, (route) => route.abort());
    const response = await page.goto(url, { waitUntil: 'networkidle', timeout: 120_000 });
    if (response?.status() !== 200) throw new Error(`${url}: HTTP ${response?.status()}`);
    await page.evaluate(() => document.fonts.ready);
    return await page.evaluate(() => {
      const main = document.querySelector('main');
      const blocks = main ? [...main.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, pre, blockquote, table, figure, img')] : [];
      return { tops: blocks.map((e) => e.getBoundingClientRect().top), height: main?.getBoundingClientRect().height ?? 0 };
    });
  } finally {
    await context.close();
  }
}

/**
 * What the font swap moves, whatever the network: the page laid out in the fallback (its font files
 * refused) against the page with its fonts, at a desktop and a phone width. A reader who has
 * scrolled into the note before the font arrives sees these moves.
 */
async function measureReflow(browser: Browser, url: string): Promise<Reflow[]> {
  const reflows: Reflow[] = [];
  for (const width of REFLOW_WIDTHS) {
    const fallback = await blockLayout(browser, url, width, false);
    const fonts = await blockLayout(browser, url, width, true);
    const moved = fonts.tops.filter((top, i) => Math.abs(top - (fallback.tops[i] ?? top)) >= 1).length;
    reflows.push({ width, blocks: fonts.tops.length, moved, heightPx: Math.round(fallback.height - fonts.height) });
  }
  return reflows;
}
