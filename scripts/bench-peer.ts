// The peer of `npm run bench` (scripts/bench.ts): Starlight, pinned, fed the same generated notes.
// It is installed once with `npm install` into a temporary folder, which then becomes the cache
// folder node_modules/.cache/bench-peer/<versions>/ and is reused by every later run (a version
// change is a new folder). Each N gets a site in the bench's temporary folder with a hard-linked
// copy of the installed node_modules. The notes become Starlight docs (src/content/docs/…, the title
// frontmatter Starlight requires taken from the note); everything else is Starlight's default,
// its Pagefind search included. Its builds run plain `astro build`, as a Starlight user would.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type BenchNote, benchNote } from './bench-notes.ts';
import type { BenchResult } from './bench.ts';
import type { LayoutShift, Reflow } from './bench-views.ts';

export const PEER_VERSIONS = { '@astrojs/starlight': '0.42.4', astro: '7.3.5' } as const;
export const PEER_TITLE = '한국어 공부 노트';

/** The cache folder of this pinned pair. */
export function peerDir(root: string): string {
  const key = Object.entries(PEER_VERSIONS)
    .map(([name, version]) => `${name.replace(/^@/, '').replace(/\//g, '-')}@${version}`)
    .join('+');
  return path.join(root, 'node_modules/.cache/bench-peer', key);
}

// ---------------------------------------------------------------------------------------------
// The project files (Starlight's own starter, reduced to what a build reads)

export function peerPackageJson(): string {
  return `${JSON.stringify({ name: 'bench-peer-starlight', private: true, type: 'module', dependencies: { ...PEER_VERSIONS } }, null, 2)}\n`;
}

export function peerAstroConfig(): string {
  return [
    "import { defineConfig } from 'astro/config';",
    "import starlight from '@astrojs/starlight';",
    '',
    `export default defineConfig({ integrations: [starlight({ title: ${JSON.stringify(PEER_TITLE)}, defaultLocale: 'root', locales: { root: { label: '한국어', lang: 'ko' } } })] });`,
    '',
  ].join('\n');
}

const CONTENT_CONFIG = [
  "import { defineCollection } from 'astro:content';",
  "import { docsLoader } from '@astrojs/starlight/loaders';",
  "import { docsSchema } from '@astrojs/starlight/schema';",
  '',
  'export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };',
  '',
].join('\n');

/** Its own tsconfig, so the project's (a folder above) is not the one Vite finds. */
const TSCONFIG = `${JSON.stringify({ extends: 'astro/tsconfigs/strict', include: ['.astro/types.d.ts', '**/*'], exclude: ['dist'] }, null, 2)}\n`;

// ---------------------------------------------------------------------------------------------
// Notes as Starlight docs

/** The address Starlight gives a doc at `relPath` (its slug: the path, lower-cased, no extension). */
export function peerPagePath(relPath: string): string {
  return `/${relPath.replace(/\.mdx?$/i, '').toLowerCase()}/`;
}

/**
 * A generated note as a Starlight doc: the note's setext title becomes the `title` frontmatter
 * (Starlight prints it as the page's h1, so the heading leaves the body), the rest of the note
 * stays as it is, except links to other notes: Starlight does not resolve Markdown file links,
 * so they point at the pages Starlight makes of those notes (as a Starlight author writes them).
 */
export function noteToStarlightDoc(note: BenchNote): BenchNote {
  const lines = note.text.split('\n');
  if (!/^=+$/.test(lines[1] ?? '')) throw new Error(`${note.relPath}: no setext title`);
  const title = lines[0]!.replace(/<!--[\s\S]*?-->/g, '').trim();
  const dir = path.posix.dirname(note.relPath);
  const body = lines
    .slice(2)
    .join('\n')
    .replace(/\]\((\.{1,2}\/[^)#\s]+\.md)(#[^)\s]*)?\)/g, (_, href: string, hash: string | undefined) => {
      return `](${peerPagePath(path.posix.join(dir, href))}${hash ?? ''})`;
    });
  return { relPath: note.relPath, text: `---\ntitle: ${JSON.stringify(title)}\n---\n${body}` };
}

// ---------------------------------------------------------------------------------------------
// Install and site

/**
 * The Starlight project in the cache, installed on first use: `npm install` of the exact versions
 * into a temporary folder next to it, renamed into place once complete (an interrupted install
 * leaves no half folder behind).
 */
export function ensurePeer(root: string, log: (line: string) => void = () => {}): string {
  const dir = peerDir(root);
  if (existsSync(path.join(dir, 'node_modules/@astrojs/starlight/package.json'))) return dir;
  const temp = `${dir}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  writeFileSync(path.join(temp, 'package.json'), peerPackageJson());
  log(`peer: npm install ${Object.entries(PEER_VERSIONS).map(([n, v]) => `${n}@${v}`).join(' ')} (once, into ${path.relative(root, dir)})`);
  const started = performance.now();
  const npm = spawnSync('npm', ['install', '--save-exact', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: temp,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (npm.status !== 0) throw new Error(`npm install of the peer failed (exit ${npm.status}):\n${npm.stdout}\n${npm.stderr}`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(temp, dir);
  log(`peer: installed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}

export interface PeerSite {
  site: string;
  docs: string;
  dist: string;
  /** Page path of note n (0-based). */
  pagePath(n: number): string;
  /** File of note n. */
  noteFile(n: number): string;
}

/**
 * The peer's site for N notes in `dir` (a fresh folder outside node_modules, which Vite's file
 * watcher ignores): the project files, the notes, and the installed node_modules as hard links
 * (instant, no space; Astro's dev server fails on a node_modules of symbolic links).
 */
export function writePeerSite(installed: string, dir: string, total: number): PeerSite {
  mkdirSync(dir, { recursive: true });
  const modules = path.join(dir, 'node_modules');
  if (!existsSync(modules)) {
    const linked = spawnSync('cp', ['-al', path.join(installed, 'node_modules'), modules], { encoding: 'utf8' });
    if (linked.status !== 0) cpSync(path.join(installed, 'node_modules'), modules, { recursive: true, verbatimSymlinks: true });
  }
  writeFileSync(path.join(dir, 'package.json'), peerPackageJson());
  writeFileSync(path.join(dir, 'astro.config.mjs'), peerAstroConfig());
  writeFileSync(path.join(dir, 'tsconfig.json'), TSCONFIG);
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'src/content.config.ts'), CONTENT_CONFIG);
  const docs = path.join(dir, 'src/content/docs');
  rmSync(path.join(dir, 'src/content'), { recursive: true, force: true });
  const relPaths: string[] = [];
  for (let n = 0; n < total; n++) {
    const doc = noteToStarlightDoc(benchNote(n, total));
    const file = path.join(docs, doc.relPath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, doc.text);
    relPaths.push(doc.relPath);
  }
  return {
    site: dir,
    docs,
    dist: path.join(dir, 'dist'),
    pagePath: (n) => peerPagePath(relPaths[n]!),
    noteFile: (n) => path.join(docs, relPaths[n]!),
  };
}

/** Pages in Starlight's output (every one is a note: it has no home page here, and 404.html is not an index.html). */
export function countPeerPages(dist: string): number {
  return readdirSync(dist, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name === 'index.html').length;
}

// ---------------------------------------------------------------------------------------------
// The comparison table and the issue's targets

/** "ours / peer (ratio×)", or ours alone when the peer is not there. */
export function pair(ours: number | undefined, peer: number | undefined, format: (x: number) => string): string {
  if (ours === undefined) return '–';
  if (peer === undefined) return `${format(ours)} / –`;
  return `${format(ours)} / ${format(peer)} (${peer > 0 ? (ours / peer).toFixed(2) : '–'}×)`;
}

const paintAndFont = (shift: LayoutShift | undefined) => (shift ? `${shift.fcpMs}, ${shift.fontMs}; ${shift.font}` : '–');
const reflowCell = (reflow: Reflow[] | undefined) =>
  reflow ? reflow.map((w) => `${w.moved} of ${w.blocks} (${w.heightPx >= 0 ? '+' : ''}${w.heightPx})`).join(', ') : '–';
const sec = (ms: number) => (ms / 1000).toFixed(2);
const mbytes = (b: number) => (b / 1024 / 1024).toFixed(0);
const kbytes = (b: number) => (b / 1024).toFixed(1);

/** Ours next to Starlight per N (Markdown): each cell "ours / Starlight (ours/Starlight×)". */
export function comparisonTable(results: BenchResult[]): string {
  const rows: Array<[string, (r: BenchResult) => string]> = [
    ['cold build, every cache removed (s; median)', (r) => pair(r.cold.wallMs, r.peer?.cold.wallMs, sec)],
    ['  peak RSS of the build\'s process tree (MB)', (r) => pair(r.cold.peakRss, r.peer?.cold.peakRss, mbytes)],
    ['astro dev, first note page, caches removed (s)', (r) => pair(r.dev?.coldMs, r.peer?.dev?.coldMs, sec)],
    ['  again, caches kept (s)', (r) => pair(r.dev?.warmMs, r.peer?.dev?.warmMs, sec)],
    ['edit → visible in astro dev (ms)', (r) => pair(r.dev?.editMs, r.peer?.dev?.editMs, (x) => x.toFixed(0))],
    ['first view of a note page, on the wire (KB, gzip, fonts incl.)', (r) => pair(r.views?.first.bytes, r.peer?.views?.first.bytes, kbytes)],
    ['  requests', (r) => pair(r.views?.first.requests, r.peer?.views?.first.requests, String)],
    ['second note page after it, new bytes (KB)', (r) => pair(r.views?.second.bytes, r.peer?.views?.second.bytes, kbytes)],
    ['  requests', (r) => pair(r.views?.second.requests, r.peer?.views?.second.requests, String)],
    ['layout shift of the first view, slow network (CLS; target 0)', (r) => pair(r.views?.shift?.cls, r.peer?.views?.shift?.cls, (x) => x.toFixed(4))],
    ['  first paint, fonts loaded (ms); font of the text', (r) => `${paintAndFont(r.views?.shift)} / ${paintAndFont(r.peer?.views?.shift)}`],
    ['note blocks the font swap moves, 1280 / 390 px wide (note height change, px)', (r) => `${reflowCell(r.views?.reflow)} / ${reflowCell(r.peer?.views?.reflow)}`],
  ];
  const header = `| notes: ours / Starlight (ratio) | ${results.map((r) => r.notes).join(' | ')} |`;
  const rule = `| --- | ${results.map(() => '---:').join(' | ')} |`;
  return [header, rule, ...rows.map(([label, f]) => `| ${label} | ${results.map(f).join(' | ')} |`)].join('\n');
}

/** The issue's targets against Starlight: lines of "met"/"NOT met" (a figure not measured is left out). */
export function comparisonChecks(results: BenchResult[]): string[] {
  const lines: string[] = [];
  const line = (ok: boolean, text: string) => lines.push(`${ok ? 'met    ' : 'NOT met'} ${text}`);
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  for (const r of results) {
    const at = `N=${r.notes}:`;
    if (r.peer) line(r.cold.wallMs <= 0.8 * r.peer.cold.wallMs, `${at} cold build ${sec(r.cold.wallMs)} s, ${x(r.cold.wallMs, r.peer.cold.wallMs)} Starlight's ${sec(r.peer.cold.wallMs)} s (target ≤ 0.8×)`);
    if (r.dev && r.peer?.dev) {
      line(r.dev.coldMs <= 0.8 * r.peer.dev.coldMs, `${at} dev first page ${sec(r.dev.coldMs)} s, ${x(r.dev.coldMs, r.peer.dev.coldMs)} Starlight's ${sec(r.peer.dev.coldMs)} s (target ≤ 0.8×)`);
      line(r.dev.warmMs <= 0.8 * r.peer.dev.warmMs, `${at} dev first page, caches kept, ${sec(r.dev.warmMs)} s, ${x(r.dev.warmMs, r.peer.dev.warmMs)} Starlight's ${sec(r.peer.dev.warmMs)} s (target ≤ 0.8×)`);
    }
    if (r.dev) line(r.dev.editMs <= 500, `${at} edit → visible in dev ${r.dev.editMs} ms${r.peer?.dev ? ` (Starlight ${r.peer.dev.editMs} ms)` : ''} (target ≤ 0.5 s)`);
    if (r.views && r.peer?.views) {
      line(r.views.first.bytes <= r.peer.views.first.bytes, `${at} first view ${kbytes(r.views.first.bytes)} KB, Starlight ${kbytes(r.peer.views.first.bytes)} KB (target ≤ Starlight's)`);
    }
    if (r.views) line(r.views.second.bytes <= 20 * 1024, `${at} second page view ${kbytes(r.views.second.bytes)} KB new bytes (target ≤ 20 KB)`);
    line(r.cold.peakRss <= 1024 ** 3, `${at} peak RSS ${mbytes(r.cold.peakRss)} MB${r.peer ? ` (Starlight ${mbytes(r.peer.cold.peakRss)} MB)` : ''} (target ≤ 1 GiB)`);
  }
  return lines;
}
