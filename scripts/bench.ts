// npm run bench [-- --n 100,1000] [--runs 3] [--profile] [--keep] [--no-search] [--queries N] [--no-peer] [--no-dev] [--out bench-results]
//
// Builds a temporary copy of this site with N generated Korean notes (scripts/bench-notes.ts)
// and measures, for each N:
//   floor    the site's remark/rehype plugin list with Astro's Markdown processor (Shiki
//            included) run directly over the same notes in one process (scripts/bench-floor.ts)
//   cold     `astro build` with every cache removed (data store, .astro/, node_modules/.vite,
//            the cut font files, the output folder), search index included; wall time and peak RSS
//   rebuild  `astro build` again after one note was edited, caches kept
//   pages    per note page: HTML, CSS and JS loaded on first view (raw and gzip, median and max),
//            the font files (@font-face rules) the page's characters need, the search index size
//   search   the site's index next to Pagefind's default index of the same notes: bytes on disk,
//            bytes fetched per query and query time in Chromium (scripts/bench-search.ts;
//            `--no-search` leaves it out, `--queries N` takes only the first N queries of the set)
//   dev      `astro dev`: first note page with caches removed and kept, an edit until it shows
//            (scripts/bench-dev.ts; `--no-dev` leaves it out)
//   views    two note pages in Chromium, one after the other: bytes on the wire; the first again over
//            a slow network, its layout shift as the font arrives (scripts/bench-views.ts)
//   peer     cold build, peak RSS, dev and views of Starlight, pinned, over the same notes, each
//            step taking turns with ours (scripts/bench-peer.ts; `--no-peer` leaves it out)
// Wall times come from /usr/bin/time when present (a build waits for the project's build lock
// first, and that wait is not counted); peak RSS is the largest sum of the RSS of the whole process
// tree, sampled every 50 ms from /proc (and the largest single process from /usr/bin/time).
// Prints a table and writes JSON to bench-results/.
import { spawn } from 'node:child_process';
import {
  cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildCommand } from './build-command.ts';
import { benchNote, notePath, writeBenchNotes } from './bench-notes.ts';
import { BENCH_QUERIES, benchSearch, type SearchBench } from './bench-search.ts';
import { benchDev, type DevTarget, type DevTimes, probeText } from './bench-dev.ts';
import { comparisonChecks, comparisonTable, countPeerPages, ensurePeer, PEER_VERSIONS, type PeerSite, writePeerSite } from './bench-peer.ts';
import { measureViews, type Views } from './bench-views.ts';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const NODE = process.execPath;
export const FLOCK = '/usr/bin/flock';
const TIME = '/usr/bin/time';
export const BUILD_LOCK = path.join(os.tmpdir(), 'notes-site-astro-build.lock');

// ---------------------------------------------------------------------------------------------
// A temporary copy of the site

/** What a site build needs from the project (node_modules is linked, entry by entry). */
const SITE_FILES = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'site.config.ts', 'src', 'public', 'scripts'];

/**
 * A copy of the site in a fresh temporary folder: its own .astro/, node_modules/.vite and cache,
 * so nothing it builds touches the project. node_modules is a real folder of links to the
 * project's packages (not one link to it: Vite writes node_modules/.vite into it).
 */
export function copySite(workDir: string): string {
  const site = path.join(workDir, 'site');
  mkdirSync(site, { recursive: true });
  for (const entry of SITE_FILES) {
    const from = path.join(ROOT, entry);
    if (existsSync(from)) cpSync(from, path.join(site, entry), { recursive: true });
  }
  const modules = path.join(site, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(ROOT, 'node_modules'))) {
    if (entry === '.vite' || entry === '.astro' || entry === '.cache') continue;
    symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(modules, entry));
  }
  return site;
}

// ---------------------------------------------------------------------------------------------
// Running a measured process

export interface Measured {
  exitCode: number | null;
  output: string;
  /** Wall time of the command itself (lock wait excluded when /usr/bin/time is there). */
  wallMs: number;
  /** Largest sum of RSS over the process tree, sampled. */
  peakTreeRss: number;
  /** Largest RSS of one process (getrusage via /usr/bin/time), or 0. */
  maxProcessRss: number;
}

function childrenOf(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // gone
    }
  }
  return children;
}

function treeRss(pid: number): number {
  const children = childrenOf();
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const statm = readFileSync(`/proc/${p}/statm`, 'utf8').split(' ');
      total += Number(statm[1]) * 4096;
    } catch {
      // gone
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

export function runMeasured(
  command: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; lock?: boolean; timeoutMs?: number },
): Promise<Measured> {
  const timeFile = path.join(os.tmpdir(), `bench-time-${process.pid}-${Date.now()}`);
  const useTime = existsSync(TIME);
  let argv = useTime ? [TIME, '-f', '%e %M', '-o', timeFile, ...command] : command;
  if (options.lock && existsSync(FLOCK)) argv = [FLOCK, BUILD_LOCK, ...argv];
  const canPoll = existsSync('/proc/self/statm');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    let peak = 0;
    const poll = canPoll ? setInterval(() => (peak = Math.max(peak, treeRss(child.pid!))), 50) : undefined;
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), options.timeoutMs ?? 30 * 60_000);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const ended = performance.now();
      clearInterval(poll);
      clearTimeout(timer);
      let wallMs = ended - started;
      let maxProcessRss = 0;
      if (useTime && existsSync(timeFile)) {
        // The last line: "<elapsed s> <max RSS KiB>" (earlier lines: "Command exited with non-zero status").
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ');
        const elapsed = Number(last[0]);
        if (Number.isFinite(elapsed)) wallMs = elapsed * 1000;
        maxProcessRss = Number(last[1]) * 1024 || 0;
        rmSync(timeFile, { force: true });
      }
      resolve({ exitCode, output: output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, ''), wallMs, peakTreeRss: Math.max(peak, maxProcessRss), maxProcessRss });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Builds

export interface SiteDirs {
  site: string;
  content: string;
  dist: string;
  cache: string;
}

/** Variables of the calling shell or test run that would change what a build does. */
export const BENCH_ENV_DROP = ['NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'TEST', 'SITE_URL', 'BASE_PATH', 'GITHUB_REPOSITORY', 'NOTES_STRICT'];

export function buildEnv(dirs: SiteDirs): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of BENCH_ENV_DROP) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key.startsWith('npm_')) delete env[key];
  Object.assign(env, {
    NOTES_CONTENT_DIR: dirs.content,
    NOTES_CACHE_DIR: dirs.cache,
    // The copy's own font cache, removed with the data store (the project's is shared by its builds and tests).
    NOTES_FONT_CACHE_DIR: path.join(dirs.cache, 'fonts'),
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  });
  return env;
}

/** Every cache a build leaves: the data store and the cut font files, .astro/, Vite's cache and the output folder. */
export function removeCaches(dirs: SiteDirs): void {
  for (const dir of [dirs.cache, dirs.dist, path.join(dirs.site, '.astro'), path.join(dirs.site, 'node_modules/.vite'), path.join(dirs.site, 'node_modules/.astro')]) {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function astroBuild(dirs: SiteDirs, nodeArgs: string[] = []): Promise<Measured> {
  // `npm run build`'s own command line (its node options and scripts/build.env), in the copy.
  const [node, ...args] = buildCommand(dirs.site, NODE);
  const result = await runMeasured([node!, ...nodeArgs, ...args, '--outDir', dirs.dist], {
    cwd: dirs.site,
    env: buildEnv(dirs),
    lock: true,
  });
  if (result.exitCode !== 0) throw new Error(`astro build failed (exit ${result.exitCode}):\n${result.output.slice(-4000)}`);
  return result;
}

/** Starlight's build and dev server: the same clean environment, without the site's NOTES_ settings. */
export function peerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of BENCH_ENV_DROP) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key.startsWith('npm_') || key.startsWith('NOTES_')) delete env[key];
  Object.assign(env, { ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' });
  return env;
}

export const peerAstro = (site: string) => path.join(site, 'node_modules/astro/bin/astro.mjs');

/** Every cache a Starlight build leaves. */
export function removePeerCaches(site: string): void {
  for (const dir of ['dist', '.astro', 'node_modules/.vite', 'node_modules/.astro']) rmSync(path.join(site, dir), { recursive: true, force: true });
}

/** `astro build` of the peer, under the project's build lock (the wait not counted). */
export async function peerBuild(peer: PeerSite): Promise<Measured> {
  const result = await runMeasured([NODE, peerAstro(peer.site), 'build'], { cwd: peer.site, env: peerEnv(), lock: true });
  if (result.exitCode !== 0) throw new Error(`Starlight's astro build failed (exit ${result.exitCode}):\n${result.output.slice(-4000)}`);
  return result;
}

export async function floorRun(dirs: SiteDirs, outDir: string): Promise<Measured & { report: { notes: number; importMs: number; renderMs: number } }> {
  rmSync(outDir, { recursive: true, force: true });
  const result = await runMeasured([NODE, path.join(dirs.site, 'scripts/bench-floor.ts'), dirs.content, outDir], {
    cwd: dirs.site,
    env: buildEnv(dirs),
  });
  if (result.exitCode !== 0) throw new Error(`the floor run failed (exit ${result.exitCode}):\n${result.output.slice(-4000)}`);
  const line = result.output.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  return { ...result, report: JSON.parse(line ?? '{}') };
}

// ---------------------------------------------------------------------------------------------
// What a note page loads on first view

export interface Stat {
  median: number;
  max: number;
}
function stat(values: number[]): Stat {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { median: 0, max: 0 };
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: Math.round(median * 100) / 100, max: sorted[sorted.length - 1]! };
}
const gz = (s: string | Buffer) => gzipSync(s, { level: 9 }).byteLength;

interface FontFace {
  url: string;
  ranges: Array<[number, number]>;
}
function fontFaces(css: string): FontFace[] {
  const faces: FontFace[] = [];
  for (const m of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const url = /url\(\s*["']?([^"')]+)["']?\s*\)/.exec(m[1]!)?.[1];
    const range = /unicode-range:\s*([^;}]+)/.exec(m[1]!)?.[1];
    if (!url) continue;
    const ranges = (range ?? 'U+0-10FFFF').split(',').map((part): [number, number] => {
      const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
    });
    faces.push({ url, ranges });
  }
  return faces;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' })[e as 'amp']!);
}

/** The characters a page shows: its text and attribute values people see (alt, title, placeholder, aria-label). */
function pageCharacters(html: string): Set<number> {
  const body = html.replace(/<head[\s\S]*?<\/head>/i, '').replace(/<(script|style|template)[\s\S]*?<\/\1>/gi, '');
  const visible = [
    body.replace(/<[^>]*>/g, ' '),
    ...[...body.matchAll(/\s(?:alt|title|placeholder|aria-label)="([^"]*)"/g)].map((m) => m[1]!),
    /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '',
  ].join(' ');
  const chars = new Set<number>();
  for (const ch of decodeEntities(visible)) chars.add(ch.codePointAt(0)!);
  return chars;
}

export interface PageMetrics {
  pages: number;
  html: { raw: Stat; gzip: Stat };
  /** The page around the note's own article (header, sidebar, TOC, footer). */
  chrome: { raw: Stat };
  /** HTML bytes per byte of the note's Markdown. */
  htmlPerMarkdownByte: Stat;
  css: { raw: Stat; gzip: Stat; files: string[] };
  js: { raw: Stat; gzip: Stat; inlineRaw: Stat; external: number };
  fonts: { bytes: Stat; slices: Stat };
  search: { indexBytes: number; totalBytes: number; files: number };
}

function dirBytes(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  if (!existsSync(dir)) return { bytes, files };
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    bytes += statSync(path.join(e.parentPath, e.name)).size;
    files++;
  }
  return { bytes, files };
}

/** Measure every note page of a built site (`notes`: content-relative paths of the notes). */
export function measurePages(dist: string, content: string): PageMetrics {
  const htmlFiles = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'index.html')
    .map((e) => path.join(e.parentPath, e.name));
  const fileCache = new Map<string, Buffer | undefined>();
  const asset = (href: string): Buffer | undefined => {
    const rel = decodeURIComponent(href.split(/[?#]/)[0]!).replace(/^\/+/, '');
    if (!fileCache.has(rel)) {
      const file = path.join(dist, rel);
      fileCache.set(rel, existsSync(file) ? readFileSync(file) : undefined);
    }
    return fileCache.get(rel);
  };
  const gzCache = new Map<string, number>();
  const gzOf = (key: string, data: Buffer) => {
    if (!gzCache.has(key)) gzCache.set(key, gz(data));
    return gzCache.get(key)!;
  };
  // The note's Markdown, by the page path it gets (numeric prefixes and the extension dropped).
  const mdBytes = new Map<string, number>();
  for (const e of readdirSync(content, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const rel = path.relative(content, path.join(e.parentPath, e.name)).split(path.sep);
    const key = rel.map((seg) => seg.replace(/^\d+-/, '')).join('/').replace(/\.mdx?$/i, '').normalize('NFC');
    mdBytes.set(key, statSync(path.join(e.parentPath, e.name)).size);
  }
  const acc = {
    htmlRaw: [] as number[], htmlGz: [] as number[], chrome: [] as number[], ratio: [] as number[],
    cssRaw: [] as number[], cssGz: [] as number[], jsRaw: [] as number[], jsGz: [] as number[], inline: [] as number[],
    fontBytes: [] as number[], fontSlices: [] as number[],
  };
  const cssFiles = new Set<string>();
  let external = 0;
  let pages = 0;
  for (const file of htmlFiles) {
    const html = readFileSync(file, 'utf8');
    const article = /<article class="note"[^>]*>[\s\S]*?<\/article>/.exec(html)?.[0];
    if (!article) continue; // not a note page (home, 404)
    pages++;
    const raw = Buffer.byteLength(html);
    acc.htmlRaw.push(raw);
    acc.htmlGz.push(gz(html));
    acc.chrome.push(raw - Buffer.byteLength(article));
    const md = mdBytes.get(path.relative(dist, path.dirname(file)).split(path.sep).join('/').normalize('NFC'));
    if (md) acc.ratio.push(Math.round((raw / md) * 100) / 100);
    let cssRaw = 0;
    let cssGz = 0;
    const faces: FontFace[] = [];
    for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
      const tag = m[0];
      if (!/\brel=["']?stylesheet/i.test(tag)) continue;
      const href = /\bhref=["']?([^"'\s>]+)/i.exec(tag)?.[1];
      if (!href) continue;
      const data = asset(href);
      if (!data) continue;
      cssFiles.add(href);
      cssRaw += data.byteLength;
      cssGz += gzOf(href, data);
      const base = href.slice(0, href.lastIndexOf('/') + 1);
      for (const face of fontFaces(data.toString('utf8'))) faces.push({ ...face, url: face.url.startsWith('/') ? face.url : base + face.url });
    }
    for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
      cssRaw += Buffer.byteLength(m[1]!);
      cssGz += gz(m[1]!);
    }
    acc.cssRaw.push(cssRaw);
    acc.cssGz.push(cssGz);
    let jsRaw = 0;
    let jsGz = 0;
    let inline = 0;
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      const attrs = m[1]!;
      const type = /\btype=["']?([^"'\s>]+)/i.exec(attrs)?.[1];
      if (type && !/^(module|text\/javascript|application\/javascript)$/i.test(type)) continue;
      const src = /\bsrc=["']?([^"'\s>]+)/i.exec(attrs)?.[1];
      if (src) {
        const data = asset(src);
        external++;
        if (data) {
          jsRaw += data.byteLength;
          jsGz += gzOf(src, data);
        }
      } else {
        inline += Buffer.byteLength(m[2]!);
        jsRaw += Buffer.byteLength(m[2]!);
        jsGz += gz(m[2]!);
      }
    }
    for (const m of html.matchAll(/<link\b[^>]*rel=["']?modulepreload[^>]*>/gi)) {
      const href = /\bhref=["']?([^"'\s>]+)/i.exec(m[0])?.[1];
      const data = href ? asset(href) : undefined;
      external++;
      if (data) {
        jsRaw += data.byteLength;
        jsGz += gzOf(href!, data);
      }
    }
    acc.jsRaw.push(jsRaw);
    acc.jsGz.push(jsGz);
    acc.inline.push(inline);
    // Fonts: each @font-face whose unicode-range holds a character the page shows is downloaded.
    const chars = pageCharacters(html);
    const wanted = new Set<string>();
    for (const face of faces) {
      if (face.ranges.some(([a, b]) => [...chars].some((c) => c >= a && c <= b))) wanted.add(face.url);
    }
    let fontBytes = 0;
    for (const url of wanted) fontBytes += asset(url)?.byteLength ?? 0;
    acc.fontBytes.push(fontBytes);
    acc.fontSlices.push(wanted.size);
  }
  const search = dirBytes(path.join(dist, 'pagefind'));
  let indexBytes = 0;
  if (existsSync(path.join(dist, 'pagefind'))) {
    for (const e of readdirSync(path.join(dist, 'pagefind'), { recursive: true, withFileTypes: true })) {
      if (e.isFile() && /\.pf_(meta|index|fragment)$/.test(e.name)) indexBytes += statSync(path.join(e.parentPath, e.name)).size;
    }
  }
  return {
    pages,
    html: { raw: stat(acc.htmlRaw), gzip: stat(acc.htmlGz) },
    chrome: { raw: stat(acc.chrome) },
    htmlPerMarkdownByte: stat(acc.ratio),
    css: { raw: stat(acc.cssRaw), gzip: stat(acc.cssGz), files: [...cssFiles].sort() },
    js: { raw: stat(acc.jsRaw), gzip: stat(acc.jsGz), inlineRaw: stat(acc.inline), external },
    fonts: { bytes: stat(acc.fontBytes), slices: stat(acc.fontSlices) },
    search: { indexBytes, totalBytes: search.bytes, files: search.files },
  };
}

// ---------------------------------------------------------------------------------------------
// CPU profiles

export interface ProfileEntry {
  selfMs: number;
  percent: number;
  name: string;
}

/** Self time by function (name and location) over every .cpuprofile in `dir`. */
export function summarizeProfiles(dir: string, top = 25): { totalMs: number; entries: ProfileEntry[]; byPackage: ProfileEntry[] } {
  const self = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    if (!name.endsWith('.cpuprofile')) continue;
    const profile = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as {
      nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
      samples: number[];
      timeDeltas: number[];
    };
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < profile.samples.length; i++) {
      const node = nodes.get(profile.samples[i]!);
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      if (!node) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '');
      const key = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
      self.set(key, (self.get(key) ?? 0) + dt);
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.includes('/src/') ? 'site src/' : url ? 'other' : functionName);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt);
      total += dt;
    }
  }
  const list = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, selfMs: Math.round(ms), percent: Math.round((ms / (total || 1)) * 1000) / 10 }));
  return { totalMs: Math.round(total), entries: list(self), byPackage: list(byPackage) };
}

// ---------------------------------------------------------------------------------------------
// One N

export interface BenchResult {
  notes: number;
  runs: number;
  floor: { wallMs: number; renderMs: number; peakRss: number };
  cold: { wallMs: number; peakRss: number; maxProcessRss: number; msPerNote: number; all: number[] };
  rebuild: { wallMs: number; peakRss: number; all: number[] };
  ratio: { coldOverFloor: number; rebuildOverCold: number };
  pages: PageMetrics;
  search?: SearchBench;
  /** `astro dev` timings (scripts/bench-dev.ts), medians over the runs. */
  dev?: DevResult;
  /** Two note pages viewed in Chromium (scripts/bench-views.ts). */
  views?: Views;
  /** The same measurements of Starlight over the same notes (scripts/bench-peer.ts). */
  peer?: PeerResult;
  profile?: ReturnType<typeof summarizeProfiles>;
}

const median = (values: number[]) => stat(values).median;

export interface DevResult extends DevTimes {
  all: DevTimes[];
}

export interface PeerResult {
  versions: typeof PEER_VERSIONS;
  cold: { wallMs: number; peakRss: number; all: number[] };
  dev?: DevResult;
  views?: Views;
}

function devResult(all: DevTimes[]): DevResult | undefined {
  if (all.length === 0) return undefined;
  return { coldMs: median(all.map((d) => d.coldMs)), editMs: median(all.map((d) => d.editMs)), warmMs: median(all.map((d) => d.warmMs)), all };
}

/** Our page path of a note (numeric prefixes and the extension dropped, as the site names pages). */
export function ourPagePath(relPath: string): string {
  return `/${relPath.split('/').map((seg) => seg.replace(/^\d+-/, '')).join('/').replace(/\.mdx?$/i, '')}/`;
}

export async function benchOne(
  n: number,
  options: {
    runs?: number;
    profileDir?: string;
    keep?: boolean;
    search?: boolean;
    queries?: number;
    log?: (line: string) => void;
    /** The peer's installed folder (ensurePeer); none leaves the peer out. */
    peerDir?: string;
    /** The `astro dev` rows (default on). */
    dev?: boolean;
  } = {},
): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const runs = options.runs ?? 1;
  const workDir = mkdtempSync(path.join(os.tmpdir(), `notes-bench-${n}-`));
  try {
    const site = copySite(workDir);
    const dirs: SiteDirs = { site, content: path.join(workDir, 'content'), dist: path.join(workDir, 'dist'), cache: path.join(workDir, 'cache') };
    const notes = writeBenchNotes(dirs.content, n);
    log(`N=${n}: ${notes.length} notes in ${dirs.content}`);
    const peer = options.peerDir ? writePeerSite(options.peerDir, path.join(workDir, 'peer'), n) : undefined;
    if (peer) log(`N=${n}: the same notes as Starlight docs in ${peer.docs}`);
    // The dev rows use one note, the page views two others (the rebuild edits the middle one).
    const devNote = Math.floor(n / 3);
    const viewNotes: [number, number] = [Math.floor(n / 4), Math.min(n - 1, Math.floor(n / 4) + 1)];
    const devText = probeText(benchNote(devNote, n).text);
    const devLock = existsSync(FLOCK) ? [FLOCK, BUILD_LOCK] : [];
    const ourDev: DevTarget = {
      cwd: site,
      astro: [NODE, path.join(site, 'node_modules/astro/bin/astro.mjs')],
      env: buildEnv(dirs),
      removeCaches: () => removeCaches(dirs),
      page: ourPagePath(notes[devNote]!),
      file: path.join(dirs.content, notes[devNote]!),
      text: devText,
      lock: devLock,
    };
    const peerDev: DevTarget | undefined = peer && {
      cwd: peer.site,
      astro: [NODE, peerAstro(peer.site)],
      env: peerEnv(),
      removeCaches: () => removePeerCaches(peer.site),
      page: peer.pagePath(devNote),
      file: peer.noteFile(devNote),
      text: devText,
      lock: devLock,
    };
    const ourDevs: DevTimes[] = [];
    const peerDevs: DevTimes[] = [];
    const peerColds: Measured[] = [];
    const devLine = (d: DevTimes) => `first page ${s(d.coldMs)} s cold, ${s(d.warmMs)} s caches kept; edit visible in ${d.editMs} ms`;
    const floors: Array<Awaited<ReturnType<typeof floorRun>>> = [];
    const colds: Measured[] = [];
    const rebuilds: Measured[] = [];
    // Ours and the peer take turns at each step, so load on the machine hits both alike.
    for (let run = 0; run < runs; run++) {
      if (options.dev ?? true) {
        const ours = await benchDev(ourDev, `${n}-${run}`);
        ourDevs.push(ours);
        log(`  dev     ours: ${devLine(ours)}`);
        if (peerDev) {
          const theirs = await benchDev(peerDev, `${n}-${run}`);
          peerDevs.push(theirs);
          log(`  dev     Starlight: ${devLine(theirs)}`);
        }
      }
      const floor = await floorRun(dirs, path.join(workDir, 'floor'));
      floors.push(floor);
      log(`  floor   ${(floor.wallMs / 1000).toFixed(2)} s (render ${(floor.report.renderMs / 1000).toFixed(2)} s), ${mb(floor.peakTreeRss)}`);
      removeCaches(dirs);
      const profiling = options.profileDir && run === 0;
      if (profiling) rmSync(options.profileDir!, { recursive: true, force: true });
      const cold = await astroBuild(dirs, profiling ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []);
      colds.push(cold);
      log(`  cold    ${(cold.wallMs / 1000).toFixed(2)} s, ${mb(cold.peakTreeRss)}${profiling ? ' (profiled)' : ''}`);
      if (peer) {
        removePeerCaches(peer.site);
        const theirs = await peerBuild(peer);
        peerColds.push(theirs);
        log(`  cold    Starlight: ${s(theirs.wallMs)} s, ${mb(theirs.peakTreeRss)}`);
      }
      // One edit: a sentence added to the middle note.
      const edited = path.join(dirs.content, notePath(Math.floor(n / 2)).relPath);
      writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n편집 ${run}: 한 문장을 더했다.\n`);
      const rebuild = await astroBuild(dirs);
      rebuilds.push(rebuild);
      log(`  rebuild ${(rebuild.wallMs / 1000).toFixed(2)} s, ${mb(rebuild.peakTreeRss)}`);
    }
    const pages = measurePages(dirs.dist, dirs.content);
    if (pages.pages !== n) throw new Error(`expected ${n} note pages in ${dirs.dist}, found ${pages.pages}`);
    // With several runs, the profiled first cold build is left out of the median.
    const coldTimes = colds.map((c) => c.wallMs).slice(options.profileDir && runs > 1 ? 1 : 0);
    const coldMs = median(coldTimes);
    const floorMs = median(floors.map((f) => f.wallMs));
    const rebuildMs = median(rebuilds.map((r) => r.wallMs));
    const result: BenchResult = {
      notes: n,
      runs,
      floor: { wallMs: floorMs, renderMs: median(floors.map((f) => f.report.renderMs)), peakRss: Math.max(...floors.map((f) => f.peakTreeRss)) },
      cold: {
        wallMs: coldMs,
        peakRss: Math.max(...colds.map((c) => c.peakTreeRss)),
        maxProcessRss: Math.max(...colds.map((c) => c.maxProcessRss)),
        msPerNote: Math.round((coldMs / n) * 100) / 100,
        all: colds.map((c) => Math.round(c.wallMs)),
      },
      rebuild: { wallMs: rebuildMs, peakRss: Math.max(...rebuilds.map((r) => r.peakTreeRss)), all: rebuilds.map((r) => Math.round(r.wallMs)) },
      ratio: { coldOverFloor: round2(coldMs / floorMs), rebuildOverCold: round2(rebuildMs / coldMs) },
      pages,
    };
    if (options.profileDir) result.profile = summarizeProfiles(options.profileDir);
    const dev = devResult(ourDevs);
    if (dev) result.dev = dev;
    const viewPages = (page: (i: number) => string): [string, string] => [page(viewNotes[0]), page(viewNotes[1])];
    const views = await measureViews(dirs.dist, viewPages((i) => ourPagePath(notes[i]!)));
    if (views) result.views = views;
    if (peer) {
      const peerPages = countPeerPages(peer.dist);
      if (peerPages !== n) throw new Error(`expected ${n} note pages in Starlight's ${peer.dist}, found ${peerPages}`);
      const coldMs = median(peerColds.map((c) => c.wallMs));
      result.peer = { versions: PEER_VERSIONS, cold: { wallMs: coldMs, peakRss: Math.max(...peerColds.map((c) => c.peakTreeRss)), all: peerColds.map((c) => Math.round(c.wallMs)) } };
      const peerDevResult = devResult(peerDevs);
      if (peerDevResult) result.peer.dev = peerDevResult;
      const peerViews = await measureViews(peer.dist, viewPages(peer.pagePath));
      if (peerViews) result.peer.views = peerViews;
    }
    if (options.search ?? true) result.search = await benchSearch(dirs.dist, workDir, log, BENCH_QUERIES.slice(0, options.queries ?? BENCH_QUERIES.length));
    return result;
  } finally {
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
    else log(`  kept ${workDir}`);
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '–');
/** "ours; default" for a browser-measured search figure. */
const searchCell = (r: BenchResult, f: (v: SearchBench['ours']) => string) =>
  r.search?.ours.queryMs ? `${f(r.search.ours)}; ${f(r.search.plain)}` : r.search?.skipped ? 'no Chromium' : '–';
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)}`;
const s = (ms: number) => (ms / 1000).toFixed(2);

export function machine(): { cores: number; cpu: string; memGiB: number; node: string; load: number[] } {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? '',
    memGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    load: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** The table (Markdown, so the README can take it as it is). */
export function table(results: BenchResult[]): string {
  const rows: Array<[string, (r: BenchResult) => string]> = [
    ['floor: plugins + Shiki, one process (s)', (r) => s(r.floor.wallMs)],
    ['cold build incl. search index (s)', (r) => s(r.cold.wallMs)],
    ['cold / floor (target ≤ 1.5)', (r) => r.ratio.coldOverFloor.toFixed(2)],
    ['cold build per note (ms)', (r) => r.cold.msPerNote.toFixed(1)],
    ['rebuild after one edit (s)', (r) => s(r.rebuild.wallMs)],
    ['rebuild / cold (target ≤ 0.2)', (r) => r.ratio.rebuildOverCold.toFixed(2)],
    ['peak RSS, process tree (MB; target ≤ 1024)', (r) => (r.cold.peakRss / 1024 / 1024).toFixed(0)],
    ['note page HTML, median / max (KB)', (r) => `${kb(r.pages.html.raw.median)} / ${kb(r.pages.html.raw.max)}`],
    ['  gzip, median / max (KB)', (r) => `${kb(r.pages.html.gzip.median)} / ${kb(r.pages.html.gzip.max)}`],
    ['  around the note (chrome), median / max (KB)', (r) => `${kb(r.pages.chrome.raw.median)} / ${kb(r.pages.chrome.raw.max)}`],
    ['  HTML bytes per Markdown byte, median / max', (r) => `${r.pages.htmlPerMarkdownByte.median} / ${r.pages.htmlPerMarkdownByte.max}`],
    ['CSS on first view, raw / gzip (KB; target < 30 raw)', (r) => `${kb(r.pages.css.raw.max)} / ${kb(r.pages.css.gzip.max)}`],
    ['JS on first view, raw / gzip (B; inline only, target < 1024)', (r) => `${r.pages.js.raw.max} / ${r.pages.js.gzip.max}${r.pages.js.external ? ` + ${r.pages.js.external} files` : ''}`],
    ['Korean font a page downloads, median / max (KB)', (r) => `${kb(r.pages.fonts.bytes.median)} / ${kb(r.pages.fonts.bytes.max)}`],
    ['  font files, median / max', (r) => `${r.pages.fonts.slices.median} / ${r.pages.fonts.slices.max}`],
    ['search index (KB; with pagefind.js + wasm)', (r) => `${kb(r.pages.search.indexBytes)} (${kb(r.pages.search.totalBytes)})`],
    ['  default Pagefind index of the same notes (KB)', (r) => (r.search ? kb(r.search.plain.indexBytes) : '–')],
    ['  index / default (target ≤ 1.5)', (r) => (r.search ? ratio(r.search.ours.indexBytes, r.search.plain.indexBytes) : '–')],
    ['  index build, ours / default (s)', (r) => (r.search ? `${s(r.search.ours.buildMs)} / ${s(r.search.plain.buildMs)}` : '–')],
    ['search opened: pagefind.js, wasm, meta (KB)', (r) => searchCell(r, (v) => kb(v.openBytes!))],
    ['bytes per query, median / p95 (KB; ours; default)', (r) => searchCell(r, (v) => `${kb(v.queryBytes!.median)} / ${kb(v.queryBytes!.p95)}`)],
    ['  per query / default, median (target ≤ 1.5)', (r) => (r.search?.ours.queryBytes ? ratio(r.search.ours.queryBytes.median, r.search.plain.queryBytes!.median) : '–')],
    ['query in Chromium, first in a page, median / p95 (ms; ours; default)', (r) => searchCell(r, (v) => `${v.queryMs!.median} / ${v.queryMs!.p95}`)],
    ['  typed one after another, median / p95 (ms; ours; default; target median ≤ 50)', (r) => searchCell(r, (v) => `${v.warmMs!.median} / ${v.warmMs!.p95}`)],
  ];
  const header = `| notes | ${results.map((r) => r.notes).join(' | ')} |`;
  const rule = `| --- | ${results.map(() => '---:').join(' | ')} |`;
  return [header, rule, ...rows.map(([label, f]) => `| ${label} | ${results.map(f).join(' | ')} |`)].join('\n');
}

/** Budget and target checks: lines of "ok"/"OVER". */
export function checks(results: BenchResult[]): string[] {
  const lines: string[] = [];
  const mark = (ok: boolean) => (ok ? 'ok  ' : 'OVER');
  for (const r of results) {
    lines.push(`${mark(r.pages.js.external === 0 && r.pages.js.raw.max < 1024)} N=${r.notes}: first-view JS ${r.pages.js.raw.max} B inline, ${r.pages.js.external} script file(s) (budget: inline < 1024 B, no file)`);
    lines.push(`${mark(r.pages.css.raw.max < 30 * 1024)} N=${r.notes}: CSS ${kb(r.pages.css.raw.max)} KB raw (budget < 30 KB)`);
    lines.push(`${mark(r.pages.chrome.raw.max < 40 * 1024)} N=${r.notes}: HTML around the note ${kb(r.pages.chrome.raw.max)} KB max (budget < 40 KB, not growing with N)`);
    lines.push(`${mark(r.cold.peakRss <= 1024 ** 3)} N=${r.notes}: peak RSS ${mb(r.cold.peakRss)} (target ≤ 1 GiB)`);
    lines.push(`${mark(r.ratio.rebuildOverCold <= 0.2)} N=${r.notes}: rebuild / cold ${r.ratio.rebuildOverCold} (target ≤ 0.2)`);
    lines.push(`${mark(r.ratio.coldOverFloor <= 1.5)} N=${r.notes}: cold / floor ${r.ratio.coldOverFloor} (target ≤ 1.5)`);
    if (r.search) {
      const { ours, plain } = r.search;
      lines.push(`${mark(ours.indexBytes <= 1.5 * plain.indexBytes)} N=${r.notes}: search index ${ratio(ours.indexBytes, plain.indexBytes)}× the default (target ≤ 1.5)`);
      if (ours.queryBytes && plain.queryBytes && ours.queryMs && ours.warmMs) {
        lines.push(`${mark(ours.queryBytes.median <= 1.5 * plain.queryBytes.median)} N=${r.notes}: bytes per query ${ratio(ours.queryBytes.median, plain.queryBytes.median)}× the default, median (target ≤ 1.5)`);
        lines.push(
          `${mark(ours.warmMs.median <= 50)} N=${r.notes}: query in Chromium ${ours.warmMs.median} ms median, ${ours.warmMs.p95} ms p95 over ${r.search.queries} queries typed one after another ` +
            `(target median ≤ 50 ms); ${ours.queryMs.median} ms median as the first query in a page (default index: ${plain.warmMs!.median} and ${plain.queryMs!.median} ms)`,
        );
      }
    }
  }
  const sorted = [...results].sort((a, b) => a.notes - b.notes);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    lines.push(`${mark(b.cold.msPerNote <= a.cold.msPerNote)} per note: ${b.cold.msPerNote} ms at ${b.notes} vs ${a.cold.msPerNote} ms at ${a.notes}`);
  }
  return lines;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const i = args.indexOf(name);
    if (i >= 0) return args[i + 1];
    return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  const ns = (value('--n') ?? '100,1000').split(',').map((x) => Number(x.trim())).filter((x) => x > 0);
  const runs = Number(value('--runs') ?? 1);
  const outDir = path.resolve(ROOT, value('--out') ?? 'bench-results');
  const profile = args.includes('--profile');
  const keep = args.includes('--keep');
  const search = !args.includes('--no-search');
  const queries = value('--queries') ? Number(value('--queries')) : undefined;
  const dev = !args.includes('--no-dev');
  const peerDir = args.includes('--no-peer') ? undefined : ensurePeer(ROOT, (l) => console.log(l));
  mkdirSync(outDir, { recursive: true });
  const before = machine();
  console.log(`bench: N = ${ns.join(', ')}, ${runs} run(s); ${before.cores} cores, ${before.memGiB} GiB, ${before.cpu}, Node ${before.node}; load ${before.load.join(' ')}`);
  const results: BenchResult[] = [];
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const n of ns) {
    const profileDir = profile ? path.join(outDir, `profile-${stamp}-${n}`) : undefined;
    results.push(
      await benchOne(n, { runs, keep, search, dev, log: (l) => console.log(l), ...(queries ? { queries } : {}), ...(profileDir ? { profileDir } : {}), ...(peerDir ? { peerDir } : {}) }),
    );
  }
  const after = machine();
  const report = { date: new Date().toISOString(), machine: { ...before, loadBefore: before.load, loadAfter: after.load }, results };
  const file = path.join(outDir, `bench-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log('');
  console.log(table(results));
  console.log('');
  console.log(peerDir ? `Ours next to Starlight ${PEER_VERSIONS['@astrojs/starlight']} (astro ${PEER_VERSIONS.astro}), same notes, runs alternating:` : 'Ours (--no-peer: Starlight left out):');
  console.log('');
  console.log(comparisonTable(results));
  console.log('');
  console.log(`machine: ${before.cores} cores, ${before.memGiB} GiB RAM, ${before.cpu}; Node ${before.node}; load average before ${before.load.join(' ')}, after ${after.load.join(' ')}`);
  console.log('');
  for (const line of checks(results)) console.log(line);
  console.log('');
  for (const line of comparisonChecks(results)) console.log(line);
  for (const r of results) {
    if (!r.profile) continue;
    console.log(`\nCPU profile of the cold build at N=${r.notes} (${(r.profile.totalMs / 1000).toFixed(1)} s sampled, all threads): top self time`);
    for (const e of r.profile.entries) console.log(`  ${String(e.selfMs).padStart(6)} ms ${String(e.percent).padStart(5)} %  ${e.name}`);
    console.log('  by package:');
    for (const e of r.profile.byPackage.slice(0, 15)) console.log(`  ${String(e.selfMs).padStart(6)} ms ${String(e.percent).padStart(5)} %  ${e.name}`);
  }
  console.log(`\nwrote ${path.relative(ROOT, file)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
