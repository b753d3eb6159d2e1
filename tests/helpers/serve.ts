/**
 * A tiny static file server for tests (node:http, no dependency), serving a
 * built dist/ directory on 127.0.0.1 at a random port, the way a static host
 * (GitHub Pages) would:
 *   - percent-encoded paths are decoded: /llm-%EC%86%8C%EA%B0%9C/ → dist/llm-소개/index.html
 *     (no Unicode normalisation: the bytes in the URL must match the file name);
 *   - a directory serves its index.html; a directory without the trailing slash
 *     redirects (301) to it; /page also finds page.html;
 *   - anything else is 404 with dist/404.html (when it exists) as the body;
 *   - an optional base path ("/some-repo/"): only URLs under it are served,
 *     mapped onto the root of dist/.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  // Pagefind's index files are opaque binary chunks.
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface ServeOptions {
  /** URL prefix the site is served under, e.g. "/some-repo/" (default "/"). */
  base?: string;
}

export interface ServedRequest {
  method: string;
  url: string;
  status: number;
}

export interface StaticServer {
  /** e.g. "http://127.0.0.1:41234" */
  readonly origin: string;
  /** origin + base, always ending in "/": the site's home page. */
  readonly url: string;
  readonly port: number;
  /** Every request the server answered, in order. */
  readonly log: ServedRequest[];
  /** Absolute URL of a site path given relative to the base ("llm-소개/" → http://127.0.0.1:N/base/llm-%EC...). */
  href(path?: string): string;
  close(): Promise<void>;
}

function normaliseBase(base = '/'): string {
  let b = base.trim();
  if (!b.startsWith('/')) b = `/${b}`;
  if (!b.endsWith('/')) b = `${b}/`;
  return b;
}

async function fileAt(path: string): Promise<'file' | 'dir' | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : null;
  } catch {
    return null;
  }
}

type Resolution =
  | { kind: 'file'; path: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'notfound' }
  | { kind: 'bad' };

async function resolveRequest(root: string, base: string, rawPath: string): Promise<Resolution> {
  // Compare the base in its encoded form, as it appears on the wire.
  const encodedBase = encodeURI(base);
  if (`${rawPath}/` === encodedBase) return { kind: 'redirect', location: encodedBase };
  if (!rawPath.startsWith(encodedBase)) return { kind: 'notfound' };
  const rest = rawPath.slice(encodedBase.length);

  let segments: string[];
  try {
    segments = rest.split('/').map((s) => decodeURIComponent(s));
  } catch {
    return { kind: 'bad' };
  }
  if (segments.some((s) => s === '..' || s.includes('\0') || s.includes('/') || s.includes('\\'))) {
    return { kind: 'bad' };
  }
  const target = resolve(root, ...segments);
  if (target !== root && !target.startsWith(root + sep)) return { kind: 'bad' };

  const trailingSlash = rest === '' || rest.endsWith('/');
  const found = await fileAt(target);
  if (found === 'file' && !trailingSlash) return { kind: 'file', path: target };
  if (found === 'dir') {
    if (!trailingSlash) return { kind: 'redirect', location: `${rawPath}/` };
    const index = join(target, 'index.html');
    if ((await fileAt(index)) === 'file') return { kind: 'file', path: index };
    return { kind: 'notfound' };
  }
  if (!trailingSlash && (await fileAt(`${target}.html`)) === 'file') return { kind: 'file', path: `${target}.html` };
  return { kind: 'notfound' };
}

function send(res: ServerResponse, req: IncomingMessage, status: number, path: string | null, body?: string): void {
  res.statusCode = status;
  res.setHeader('Cache-Control', 'no-store');
  if (path) {
    res.setHeader('Content-Type', contentTypeFor(path));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
    return;
  }
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(req.method === 'HEAD' ? undefined : (body ?? ''));
}

/** Serves `dir` on 127.0.0.1 at a random free port until close() is called. */
export async function serveDir(dir: string, options: ServeOptions = {}): Promise<StaticServer> {
  const root = resolve(dir);
  if ((await fileAt(root)) !== 'dir') throw new Error(`serveDir: ${root} is not a directory`);
  const base = normaliseBase(options.base);
  const log: ServedRequest[] = [];

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    res.on('finish', () => log.push({ method, url: rawUrl, status: res.statusCode }));
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, req, 405, null, 'method not allowed');
      return;
    }
    const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '/';
    resolveRequest(root, base, rawPath)
      .then(async (r) => {
        if (r.kind === 'file') return send(res, req, 200, r.path);
        if (r.kind === 'redirect') {
          const query = rawUrl.slice(rawPath.length);
          res.setHeader('Location', r.location + query);
          return send(res, req, 301, null, `moved to ${r.location}`);
        }
        if (r.kind === 'bad') return send(res, req, 400, null, 'bad request');
        const page404 = join(root, '404.html');
        if ((await fileAt(page404)) === 'file') return send(res, req, 404, page404);
        return send(res, req, 404, null, 'not found');
      })
      .catch(() => {
        if (!res.headersSent) send(res, req, 500, null, 'internal error');
        else res.destroy();
      });
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}${encodeURI(base)}`;

  return {
    origin,
    url,
    port,
    log,
    href(path = '') {
      return new URL(encodeURI(path.replace(/^\//, '')), url).href;
    },
    close() {
      return new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
    },
  };
}
