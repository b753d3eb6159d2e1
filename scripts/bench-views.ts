// Page views of `npm run bench` (scripts/bench.ts), the same for our site and the peer: what real
// Chromium fetches for a note page, counted on the wire. Each built site is served the way a
// static host serves it (text gzip-compressed, `Cache-Control: max-age=600` and an ETag, as GitHub
// Pages does); a fresh browser profile opens one note page (first view: everything it loads,
// fonts included, until the network is idle), then another note page in the same tab (second
// view: only what was not in the browser's cache). Bytes are the encoded bytes Chromium received
// (DevTools' Network.loadingFinished), headers included.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { findChromium, launchChromium, newKoreanContext } from '../tests/helpers/browser.ts';
import { contentTypeFor } from '../tests/helpers/serve.ts';

export interface View {
  bytes: number;
  requests: number;
  /** Bytes by kind (document, stylesheet, script, font, image, fetch, other). */
  byType: Record<string, number>;
}

export interface Views {
  first: View;
  second: View;
  pages: [string, string];
}

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
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type.toLowerCase()));
    cdp.on('Network.loadingFinished', (e) => {
      if (e.encodedDataLength <= 0) return;
      const type = types.get(e.requestId) ?? 'other';
      current.bytes += e.encodedDataLength;
      current.requests++;
      current.byType[type] = (current.byType[type] ?? 0) + e.encodedDataLength;
    });
    const view = async (site: string): Promise<View> => {
      current = { bytes: 0, requests: 0, byType: {} };
      const response = await page.goto(new URL(encodeURI(site), origin).href, { waitUntil: 'networkidle', timeout: 120_000 });
      if (response?.status() !== 200) throw new Error(`${site}: HTTP ${response?.status()}`);
      await page.evaluate(() => document.fonts.ready);
      await page.waitForLoadState('networkidle');
      return current;
    };
    const first = await view(pages[0]);
    const second = await view(pages[1]);
    await context.close();
    return { first, second, pages };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
